// Settings (Ctrl+,): model and device, generation, appearance, the API server. Every change is saved at once by
// AppSettings; device and context size apply the next time the model is loaded.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

ModalDialog {
    id: dialog
    objectName: "settingsDialog"
    title: qsTr("Settings")
    anchors.centerIn: Overlay.overlay
    width: Math.min(720, Overlay.overlay ? Overlay.overlay.width - 48 : 720)
    height: Math.min(640, Overlay.overlay ? Overlay.overlay.height - 48 : 640)
    padding: 0
    // Why the dialog opened, as the reason its tabs get the focus with: the keyboard ring
    // (FocusRing.qml) is drawn around them after Ctrl+, but not after a click on a menu item.
    property int openingReason: Qt.OtherFocusReason
    function openFrom(reason) {
        openingReason = reason
        open()
    }
    onOpened: tabs.forceActiveFocus(openingReason)
    onClosed: openingReason = Qt.OtherFocusReason

    header: ColumnLayout {
        spacing: 0
        Label {
            Layout.fillWidth: true
            Layout.margins: 20
            Layout.bottomMargin: 8
            text: dialog.title
            font.pointSize: window.font.pointSize * 1.4
            font.bold: true
        }
        TabBar {
            id: tabs
            objectName: "settingsTabs"
            Layout.fillWidth: true
            Accessible.name: qsTr("Settings sections")
            TabButton {
                text: qsTr("Model")
                Accessible.name: qsTr("Model settings")
            }
            TabButton {
                text: qsTr("Generation")
                Accessible.name: qsTr("Generation settings")
            }
            TabButton {
                text: qsTr("Appearance")
                Accessible.name: qsTr("Appearance settings")
            }
            TabButton {
                objectName: "serverTab"
                text: qsTr("Server")
                Accessible.name: qsTr("API server settings")
            }
        }
    }

    StackLayout {
        anchors.fill: parent
        currentIndex: tabs.currentIndex
        // A page scrolled down must not show through the tabs and the buttons.
        clip: true
        ModelSettingsPage { objectName: "modelSettingsPage" }
        GenerationSettingsPage {}
        AppearanceSettingsPage {}
        ServerSettingsPage { objectName: "serverSettingsPage" }
    }

    footer: DialogButtonBox {
        // No "Reset to defaults" here: from the footer of every page it reset every page (theme,
        // language, device, server) without a word; the Generation page has its own, for its settings.
        Button {
            objectName: "closeSettingsButton"
            text: qsTr("Close")
            highlighted: true
            Material.accent: window.accentButtonColor
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
