import QtQuick
import QtQuick.Controls

ApplicationWindow {
    id: window
    width: 1100
    height: 720
    visible: true
    title: qsTr("Veloce")

    Label {
        anchors.centerIn: parent
        text: qsTr("Veloce")
        font.pixelSize: 32
    }
}
