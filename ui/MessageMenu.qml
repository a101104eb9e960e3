// The menu of a right click on a message's text: Copy (the selection in that paragraph or code
// block), Copy message (its whole Markdown source, as the Copy button under it), Select all (that
// paragraph or code block). One for the whole conversation, opened for the clicked piece.
import QtQuick
import QtQuick.Controls
import Veloce

FittedMenu {
    id: menu
    objectName: "messageMenu"
    property var edit: null
    property string content: ""

    function openFor(edit, content, parentItem, position) {
        menu.edit = edit
        menu.content = content
        popup(parentItem, position.x, position.y)
    }

    MenuItem {
        objectName: "menuCopySelection"
        text: qsTr("Copy")
        enabled: menu.edit !== null && menu.edit.selectedText.length > 0
        Accessible.name: qsTr("Copy the selected text")
        onTriggered: menu.edit.copySelection()
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
        Accessible.name: qsTr("Select all the text of this paragraph")
        onTriggered: menu.edit.selectAll()
    }
}
