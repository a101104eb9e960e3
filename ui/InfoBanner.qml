// A one-line notice above the conversation: an error from the engine or the database, or a
// start-up notice. Hidden while `message` is empty; the user dismisses it with the close button.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Rectangle {
    id: banner
    property string message: ""
    property bool error: false
    signal dismissed()

    visible: message.length > 0
    implicitHeight: visible ? row.implicitHeight + 16 : 0
    color: error ? (Material.theme === Material.Dark ? "#5c1d1d" : "#fde7e7")
                 : (Material.theme === Material.Dark ? "#1d3a4a" : "#e3f2fd")
    Accessible.role: Accessible.AlertMessage
    Accessible.name: message

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 16
        anchors.rightMargin: 8
        spacing: 8

        Label {
            Layout.fillWidth: true
            text: banner.message
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
        }
        ToolButton {
            objectName: "dismissButton"
            text: "×"
            font.pixelSize: 20
            Accessible.name: qsTr("Dismiss notice")
            ToolTip.visible: hovered
            ToolTip.text: Accessible.name
            onClicked: banner.dismissed()
        }
    }
}
