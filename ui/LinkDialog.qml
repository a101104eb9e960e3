// Links in replies are never followed directly: this shows the full address first, and only
// http and https addresses can be opened.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

ModalDialog {
    id: dialog
    property string link
    readonly property bool openable: DesktopBridge.isOpenableLink(link)
    function openFor(address) {
        link = address
        open()
    }

    title: openable ? qsTr("Open this link?") : qsTr("This link cannot be opened")
    anchors.centerIn: Overlay.overlay
    width: Math.min(560, Overlay.overlay ? Overlay.overlay.width - 48 : 560)
    onOpened: (openable ? openButton : closeButton).forceActiveFocus()

    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: dialog.openable
                  ? qsTr("The reply links to the address below. Check it before opening it in your browser:")
                  : qsTr("Veloce only opens web addresses (http and https). This link was not opened:")
        }
        AppTextArea {
            objectName: "linkAddress"
            Layout.fillWidth: true
            readOnly: true
            selectByMouse: true
            wrapMode: TextArea.WrapAnywhere
            textFormat: TextEdit.PlainText
            text: DesktopBridge.displayAddress(dialog.link)
            font.family: "monospace"
            Accessible.name: qsTr("Link address")
        }
    }

    footer: DialogButtonBox {
        Button {
            id: openButton
            objectName: "openLinkButton"
            visible: dialog.openable
            text: qsTr("Open in browser")
            highlighted: true
            Material.accent: window.accentButtonColor
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            onClicked: DesktopBridge.openLink(dialog.link)
        }
        Button {
            id: closeButton
            text: dialog.openable ? qsTr("Cancel") : qsTr("Close")
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
