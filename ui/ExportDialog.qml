// Export (Ctrl+E): this conversation, a selection or all of them, in one of five formats, into a
// folder; a progress bar while it runs and the outcome in words.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import Veloce

ModalDialog {
    id: dialog
    objectName: "exportDialog"
    property var initialId: -1
    property var selectedIds: ({})
    property int selectedCount: 0
    property bool running: false
    property int done: 0
    property int total: 0
    property string outcome: ""
    property bool failed: false
    property string runningFolder: ""
    // While the folder picker is open, Esc is for the picker: it closed this dialog too, and
    // with it the folder the user had typed. Cleared a turn later, after that Esc is handled.
    property bool pickerOpen: false
    closePolicy: pickerOpen ? Popup.NoAutoClose : (Popup.CloseOnEscape | Popup.CloseOnPressOutside)

    function openFor(conversationId) {
        initialId = conversationId
        selectedIds = ({})
        selectedCount = 0
        if (conversationId >= 0) {
            selectedIds[conversationId] = true
            selectedCount = 1
        }
        scopeCurrent.checked = conversationId >= 0
        scopeAll.checked = conversationId < 0
        outcome = ""
        failed = false
        if (folderField.text.length === 0)
            folderField.text = ChatController.settings.exportFolder.length > 0 ? ChatController.settings.exportFolder
                                                                      : DesktopBridge.documentsFolder()
        open()
    }
    function toggle(id, on) {
        if (on)
            selectedIds[id] = true
        else
            delete selectedIds[id]
        selectedCount = Object.keys(selectedIds).length
    }
    function chosenIds() {
        if (scopeCurrent.checked)
            return [initialId]
        if (scopeSelection.checked)
            return Object.keys(selectedIds).map(Number)
        return []
    }
    // Re-exporting writes the same names: the files there would be replaced, so ask first
    // (before, they were overwritten without a word).
    function requestStart() {
        const existing = ExportController.existingFiles(chosenIds(), formatBox.currentValue, folderField.text)
        if (existing.length > 0) {
            overwriteDialog.files = existing
            overwriteDialog.open()
            return
        }
        start()
    }
    function start() {
        outcome = ""
        failed = false
        done = 0
        total = 0
        runningFolder = folderField.text
        running = ExportController.exportConversations(chosenIds(), formatBox.currentValue, folderField.text)
    }

    title: qsTr("Export conversations")
    anchors.centerIn: Overlay.overlay
    width: Math.min(620, Overlay.overlay ? Overlay.overlay.width - 48 : 620)
    onOpened: formatBox.forceActiveFocus(Qt.TabFocusReason)

    FolderDialog {
        id: folderDialog
        objectName: "exportFolderDialog"
        title: qsTr("Export into folder")
        currentFolder: DesktopBridge.folderUrl(DesktopBridge.startFolder(folderField.text))
        onAccepted: folderField.text = DesktopBridge.localPath(selectedFolder)
        onVisibleChanged: {
            if (visible)
                dialog.pickerOpen = true
            else
                Qt.callLater(() => { dialog.pickerOpen = false })
        }
    }

    // A ModalDialog like the export dialog under it: Material's own backdrop, a light grey in
    // the dark theme, washed the window and the export dialog in grey instead of dimming them.
    ModalDialog {
        id: overwriteDialog
        objectName: "exportOverwriteDialog"
        property var files: []
        // Names only: they are all in the folder the export dialog shows.
        readonly property var names: files.map(path => path.split(/[\\/]/).pop())
        title: qsTr("Replace existing files?")
        anchors.centerIn: Overlay.overlay
        width: Math.min(520, Overlay.overlay ? Overlay.overlay.width - 48 : 520)
        onAccepted: dialog.start()
        onOpened: keepButton.forceActiveFocus(Qt.TabFocusReason)

        Label {
            objectName: "exportOverwriteText"
            width: parent.width
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            text: qsTr("These files are already in the folder; exporting replaces them:") + "\n"
                  + overwriteDialog.names.slice(0, 5).join("\n")
                  + (overwriteDialog.names.length > 5 ? "\n" + qsTr("and %1 more").arg(overwriteDialog.names.length - 5) : "")
        }
        footer: DialogButtonBox {
            Button {
                objectName: "exportReplaceButton"
                text: qsTr("Replace")
                Accessible.name: qsTr("Replace the existing files")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                id: keepButton
                objectName: "exportKeepFilesButton"
                text: qsTr("Cancel")
                Accessible.name: qsTr("Cancel: keep the existing files")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
    }

    Connections {
        target: ExportController
        function onExportProgress(done, total) {
            dialog.done = done
            dialog.total = total
        }
        function onExportFinished(ok, message) {
            dialog.running = false
            dialog.failed = !ok
            dialog.outcome = message
            if (ok)
                ChatController.settings.exportFolder = dialog.runningFolder
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        ButtonGroup { id: scopeGroup }
        RadioButton {
            id: scopeCurrent
            objectName: "exportScopeCurrent"
            text: qsTr("This conversation")
            enabled: dialog.initialId >= 0
            ButtonGroup.group: scopeGroup
            Accessible.name: text
        }
        RadioButton {
            id: scopeSelection
            objectName: "exportScopeSelection"
            text: qsTr("Selected conversations (%1)").arg(dialog.selectedCount)
            ButtonGroup.group: scopeGroup
            Accessible.name: text
        }
        ListView {
            id: selectionList
            Layout.fillWidth: true
            Layout.preferredHeight: 200
            Layout.leftMargin: 32
            visible: scopeSelection.checked
            clip: true
            model: ConversationList.model
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Conversations to export")
            ScrollBar.vertical: ScrollBar {}
            delegate: CheckDelegate {
                required property var model
                width: ListView.view.width
                text: model.title
                checked: dialog.selectedIds[model.id] === true
                Accessible.name: text
                onToggled: dialog.toggle(model.id, checked)
            }
        }
        RadioButton {
            id: scopeAll
            objectName: "exportScopeAll"
            text: qsTr("All conversations (%1)").arg(ConversationList.model.count)
            ButtonGroup.group: scopeGroup
            Accessible.name: text
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Label { text: qsTr("Format") }
            AppComboBox {
                id: formatBox
                objectName: "exportFormatBox"
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: "md", text: qsTr("Markdown (.md)") },
                    { value: "json", text: qsTr("JSON, every branch, can be imported (.json)") },
                    { value: "html", text: qsTr("Web page (.html)") },
                    { value: "txt", text: qsTr("Plain text (.txt)") },
                    { value: "pdf", text: qsTr("PDF (.pdf)") }
                ]
                Accessible.name: qsTr("Export format")
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Label { text: qsTr("Folder") }
            AppTextField {
                id: folderField
                objectName: "exportFolderField"
                Layout.fillWidth: true
                selectByMouse: true
                Accessible.name: qsTr("Folder to export into")
            }
            Button {
                objectName: "exportChooseFolderButton"
                text: qsTr("Choose…")
                Accessible.name: qsTr("Choose the folder to export into")
                onClicked: folderDialog.open()
            }
        }
        // The progress and the outcome keep their room when there is nothing to show (the dialog
        // grew by their height at each export and shrank back at the next opening): it keeps
        // one size. Three lines hold the longest outcome, a failure with its folder.
        ProgressBar {
            objectName: "exportProgress"
            Layout.fillWidth: true
            opacity: dialog.running || dialog.total > 0 ? 1 : 0
            from: 0
            to: Math.max(1, dialog.total)
            value: dialog.done
            indeterminate: dialog.running && dialog.total === 0
            Accessible.name: qsTr("Export progress")
        }
        Label {
            id: outcomeLabel
            objectName: "exportOutcome"
            Layout.fillWidth: true
            Layout.preferredHeight: outcomeMetrics.height * 3
            verticalAlignment: Text.AlignTop
            maximumLineCount: 3
            elide: Text.ElideRight
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            color: dialog.failed ? Material.color(Material.Red) : Material.foreground
            text: dialog.running ? qsTr("Exported %1 of %2…").arg(dialog.done).arg(dialog.total) : dialog.outcome
            FontMetrics {
                id: outcomeMetrics
                font: outcomeLabel.font
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "exportButton"
            text: qsTr("Export")
            highlighted: true
            Material.accent: window.accentButtonColor
            enabled: !dialog.running && folderField.text.length > 0
                     && (!scopeSelection.checked || dialog.selectedCount > 0)
                     && (scopeCurrent.checked || scopeSelection.checked || scopeAll.checked)
            Accessible.name: text
            onClicked: dialog.requestStart()
        }
        Button {
            text: qsTr("Close")
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
