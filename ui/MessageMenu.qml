// The menu of a right click on a message's text: Copy (the selection in that paragraph or code
// block, or across the message's pieces: PieceSelection.qml), Copy message (its whole Markdown
// source, as the Copy button under it), Select all (the whole message's text, every piece of it).
// One for the whole conversation, opened for the clicked piece.
import QtQuick
import QtQuick.Controls
import Veloce

FittedMenu {
    id: menu
    objectName: "messageMenu"
    property var edit: null
    property string content: ""
    // Taken when the menu opens: pressing an item moves the focus, and a text item drops its
    // selection when it loses the focus.
    property string selection: ""

    // position: in sourceItem's coordinates. The menu keeps its own parent (popup(item, ...)
    // would move it into a list delegate, which broke its layout from the second time on).
    function openFor(edit, content, sourceItem, position) {
        menu.edit = edit
        menu.content = content
        menu.selection = edit.selectionForCopy()
        const p = sourceItem.mapToItem(menu.parent, position.x, position.y)
        popup(p.x, p.y)
    }

    // A mouse menu: the focus stays on the text (its selection stays shown). Taking it, the
    // menu drew the keyboard focus ring (FocusRing.qml) from its second opening on, which it
    // took as one more item and grew to the window's height.
    focus: false

    MenuItem {
        objectName: "menuCopySelection"
        text: qsTr("Copy")
        enabled: menu.selection.length > 0
        Accessible.name: qsTr("Copy the selected text")
        onTriggered: DesktopBridge.copyText(menu.selection)
    }
    MenuItem {
        objectName: "menuCopyMessage"
        text: qsTr("Copy message")
        Accessible.name: text
        onTriggered: DesktopBridge.copyText(menu.content)
    }
    MenuItem {
        objectName: "menuSelectAll"
        text: qsTr("Select all")
        enabled: menu.edit !== null
        Accessible.name: qsTr("Select all the text of this message")
        onTriggered: {
            // The whole message (its paragraphs, formulas and code), as the menu is the message's.
            if (menu.edit.selection)
                menu.edit.selection.selectAll()
            else
                menu.edit.selectAll()
        }
    }
}
