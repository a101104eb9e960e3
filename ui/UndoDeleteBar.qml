// After a conversation is deleted: its title and an Undo button (Ctrl+Z), until another deletion.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

Rectangle {
    visible: ConversationList.canUndoDelete
    implicitHeight: visible ? row.implicitHeight + 8 : 0
    radius: 4
    color: Material.theme === Material.Dark ? "#33393f" : "#e4e8ec"
    Accessible.role: Accessible.AlertMessage
    Accessible.name: label.text

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 8
        spacing: 4
        Label {
            id: label
            Layout.fillWidth: true
            text: qsTr("Deleted “%1”").arg(ConversationList.deletedTitle)
            elide: Text.ElideRight
            textFormat: Text.PlainText
        }
        Button {
            objectName: "undoDeleteButton"
            text: qsTr("Undo")
            flat: true
            Accessible.name: qsTr("Undo delete (Ctrl+Z)")
            onClicked: ConversationList.undoDelete()
        }
    }
}
