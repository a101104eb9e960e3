// Renaming a conversation.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

ModalDialog {
    id: dialog
    objectName: "renameDialog"
    property var conversationId: -1
    function openFor(id, currentTitle) {
        conversationId = id
        field.text = currentTitle
        open()
    }

    title: qsTr("Rename conversation")
    anchors.centerIn: Overlay.overlay
    width: 420
    onOpened: {
        field.forceActiveFocus()
        // All selected, with the cursor at the start: a long title shows its beginning (with
        // selectAll the cursor went to the end and the field showed the title's end).
        field.select(field.length, 0)
    }
    onAccepted: if (field.text.trim().length > 0) ConversationList.rename(conversationId, field.text.trim())

    AppTextField {
        id: field
        objectName: "renameField"
        anchors.left: parent.left
        anchors.right: parent.right
        selectByMouse: true
        Accessible.name: qsTr("New title")
        placeholderText: qsTr("Title")
        onAccepted: dialog.accept()
    }

    footer: DialogButtonBox {
        Button {
            text: qsTr("Rename")
            highlighted: true
            Material.accent: window.accentButtonColor
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            text: qsTr("Cancel")
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
