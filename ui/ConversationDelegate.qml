// One conversation in the sidebar. Enter opens it, F2 renames, Delete deletes (undoable), the Menu
// key or the ⋮ button opens the actions (rename, pin, export, delete).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

ItemDelegate {
    id: row
    required property var model
    required property int index
    signal renameRequested(var conversationId, string title)
    signal exportRequested(var conversationId)

    readonly property bool isOpen: model.id === ChatController.currentConversationId
    readonly property bool keyboardCurrent: ListView.isCurrentItem && ListView.view.activeFocus

    function open() { ChatController.openConversation(model.id, -1) }

    highlighted: isOpen
    text: model.title
    Accessible.name: model.pinned ? qsTr("%1, pinned").arg(model.title) : model.title
    Accessible.description: qsTr("Press Enter to open, F2 to rename, Delete to delete, Menu for more actions")
    onClicked: {
        ListView.view.currentIndex = index
        // The keys go to the conversation clicked (F2 renames it, Delete deletes it), not to
        // the composer or the search field that had them: a row takes no focus of its own.
        ListView.view.forceActiveFocus(Qt.MouseFocusReason)
        open()
    }

    Keys.onReturnPressed: open()
    Keys.onEnterPressed: open()
    Keys.onDeletePressed: ConversationList.remove(model.id)
    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_F2) {
            row.renameRequested(model.id, model.title)
            event.accepted = true
        } else if (event.key === Qt.Key_Menu || (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier))) {
            actions.popup(row, 16, row.height)
            event.accepted = true
        }
    }

    TapHandler {
        acceptedButtons: Qt.RightButton
        onTapped: (point) => actions.popup(row, point.position.x, point.position.y)
    }

    contentItem: RowLayout {
        spacing: 4
        Label {
            visible: row.model.pinned
            text: "★"
            color: Material.accent
            Accessible.ignored: true
        }
        Label {
            Layout.fillWidth: true
            text: row.model.title
            elide: Text.ElideRight
            textFormat: Text.PlainText
            font.bold: row.isOpen
        }
        ToolButton {
            objectName: "conversationActionsButton"
            Layout.preferredHeight: 32
            Layout.preferredWidth: 32
            padding: 0
            text: "⋮"
            opacity: row.hovered || row.isOpen || row.keyboardCurrent || activeFocus ? 1 : 0
            Accessible.name: qsTr("Actions for “%1”").arg(row.model.title)
            onClicked: actions.popup(this, 0, height)
        }
    }

    // Visible keyboard focus: an accent bar on the left of the current row.
    Rectangle {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: 4
        color: Material.accent
        visible: row.keyboardCurrent || row.visualFocus
    }

    FittedMenu {
        id: actions
        ShortcutMenuItem {
            text: qsTr("Rename…")
            shortcut: "F2"
            onTriggered: row.renameRequested(row.model.id, row.model.title)
        }
        ShortcutMenuItem {
            text: row.model.pinned ? qsTr("Unpin") : qsTr("Pin to top")
            onTriggered: ConversationList.setPinned(row.model.id, !row.model.pinned)
        }
        ShortcutMenuItem {
            text: qsTr("Export…")
            onTriggered: row.exportRequested(row.model.id)
        }
        MenuSeparator {}
        ShortcutMenuItem {
            text: qsTr("Delete")
            shortcut: qsTr("Del")
            Accessible.name: qsTr("Delete (can be undone)")
            onTriggered: ConversationList.remove(row.model.id)
        }
    }
}
