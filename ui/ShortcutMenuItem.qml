// A menu item that shows its keyboard shortcut on the right, as desktop menus do (Qt Quick's
// MenuItem shows none).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

MenuItem {
    id: item
    property string shortcut: ""
    Accessible.name: shortcut.length > 0 ? qsTr("%1 (%2)").arg(text).arg(shortcut) : text

    contentItem: RowLayout {
        spacing: 32
        Label {
            objectName: "menuItemText"
            Layout.fillWidth: true
            text: item.text
            font: item.font
            elide: Text.ElideRight
            color: item.enabled ? item.Material.foreground : item.Material.hintTextColor
        }
        Label {
            objectName: "menuItemShortcut"
            visible: item.shortcut.length > 0
            text: item.shortcut
            font: item.font
            color: item.Material.hintTextColor
        }
    }
}
