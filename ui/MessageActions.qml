// The buttons under a message: the version switcher, copy, and edit (your messages) or
// regenerate (replies), and continue (the last reply, when the length limit or Stop cut it).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veloce

RowLayout {
    id: actions
    property bool isUser
    property var messageId
    property string content
    property int siblingIndex
    property int siblingCount
    property bool canContinue  // the last reply, cut by the length limit or stopped by the user
    signal editRequested()

    // Apart, so that Regenerate and Continue (and their hover shades) do not run into each other.
    spacing: 8

    component ActionButton: Button {
        flat: true
        padding: 6
        // Material's flat button insets its text by `padding - 4`: 2 px here, so the labels ran
        // to the edges of their hover shades. 8 px, as the code block's Copy code and the
        // editor's Save and Cancel (Material's own flat button).
        horizontalPadding: 8
        topInset: 0
        bottomInset: 0
        implicitHeight: 32
        font.pointSize: window.font.pointSize * 0.85
        Accessible.name: text
    }

    RowLayout {
        visible: actions.siblingCount > 1
        spacing: 0
        ActionButton {
            objectName: "previousVersionButton"
            text: "‹"
            enabled: actions.siblingIndex > 0 && !ChatController.busy
            Accessible.name: qsTr("Previous version")
            onClicked: ChatController.switchSibling(actions.messageId, -1)
        }
        Label {
            // "2/3": this is version 2 of 3.
            text: qsTr("%1/%2").arg(actions.siblingIndex + 1).arg(actions.siblingCount)
            Accessible.name: qsTr("Version %1 of %2").arg(actions.siblingIndex + 1).arg(actions.siblingCount)
        }
        ActionButton {
            objectName: "nextVersionButton"
            text: "›"
            enabled: actions.siblingIndex + 1 < actions.siblingCount && !ChatController.busy
            Accessible.name: qsTr("Next version")
            onClicked: ChatController.switchSibling(actions.messageId, 1)
        }
    }
    ActionButton {
        id: copyButton
        text: copied.running ? qsTr("Copied") : qsTr("Copy")
        Accessible.name: qsTr("Copy message")
        onClicked: {
            DesktopBridge.copyText(actions.content)
            copied.restart()
        }
        Timer {
            id: copied
            interval: 1500
        }
    }
    ActionButton {
        visible: actions.isUser
        enabled: !ChatController.busy
        text: qsTr("Edit")
        Accessible.name: qsTr("Edit message")
        onClicked: actions.editRequested()
    }
    ActionButton {
        visible: !actions.isUser
        enabled: ChatController.canSend
        text: qsTr("Regenerate")
        Accessible.name: qsTr("Regenerate reply")
        onClicked: ChatController.regenerate(actions.messageId)
    }
    ActionButton {
        objectName: "continueButton"
        visible: actions.canContinue
        enabled: ChatController.canSend
        text: qsTr("Continue")
        Accessible.name: qsTr("Continue the reply")
        onClicked: ChatController.continueReply(actions.messageId)
    }
}
