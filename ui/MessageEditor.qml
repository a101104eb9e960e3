// Editing one of your messages: saving makes a new version beside the old one (a new branch,
// answered again); the old version stays reachable through the "2/3" switcher.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

ColumnLayout {
    id: editor
    property alias text: area.text
    property alias cursorPosition: area.cursorPosition
    readonly property int length: area.length
    signal saved(string text)
    signal cancelled()

    function forceActiveFocus() { area.forceActiveFocus() }

    spacing: 4

    AppTextArea {
        id: area
        objectName: "messageEditorArea"
        Layout.fillWidth: true
        wrapMode: TextArea.Wrap
        selectByMouse: true
        placeholderText: qsTr("Edit your message")
        Accessible.name: qsTr("Edit your message")
        Keys.onPressed: (event) => {
            if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && !(event.modifiers & Qt.ShiftModifier)) {
                if (area.text.trim().length > 0 && ChatController.canSend)
                    editor.saved(area.text)
                event.accepted = true
            } else if (event.key === Qt.Key_Escape) {
                editor.cancelled()
                event.accepted = true
            }
        }
    }
    RowLayout {
        spacing: 8
        Button {
            text: qsTr("Save and send")
            highlighted: true
            Material.accent: window.accentButtonColor
            enabled: area.text.trim().length > 0 && ChatController.canSend
            Accessible.name: qsTr("Save the edited message and get a new reply")
            onClicked: editor.saved(area.text)
        }
        Button {
            text: qsTr("Cancel")
            flat: true
            Accessible.name: qsTr("Cancel editing")
            onClicked: editor.cancelled()
        }
        Label {
            Layout.fillWidth: true
            visible: !ChatController.canSend
            text: ChatController.cannotSendReason
            wrapMode: Text.Wrap
            opacity: 0.7
        }
    }
}
