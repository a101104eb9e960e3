// Picking a Veloce JSON export to import; the result is reported by ExportController.importFinished.
import QtQuick
import QtQuick.Dialogs
import Veloce

FileDialog {
    objectName: "importDialog"
    // Exports are what gets imported: start where the last one went.
    currentFolder: DesktopBridge.folderUrl(DesktopBridge.startFolder(ChatController.settings.exportFolder))
    title: qsTr("Import conversations")
    fileMode: FileDialog.OpenFile
    nameFilters: [qsTr("Veloce JSON export (*.json)"), qsTr("All files (*)")]
    onAccepted: ExportController.importConversations(DesktopBridge.localPath(selectedFile))
}
