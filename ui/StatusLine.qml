// The bottom line: model and quantization, device, context used / size, and the last reply's time
// to first token and speed; a progress bar while the model loads.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

Rectangle {
    id: status
    // One line when everything fits, more when not: each part stays whole (the reply's figures
    // were cut at the default width and gone at 800 px when it all was one elided label).
    implicitHeight: Math.max(28, parts.implicitHeight + 8)
    color: Material.theme === Material.Dark ? "#16191c" : "#eceff1"
    Accessible.role: Accessible.StatusBar
    Accessible.name: status.shownParts.join(", ")

    readonly property string modelPart: {
        if (ModelController.state === "loading")
            return qsTr("Loading %1…").arg(ModelController.file.length > 0 ? ModelController.file : qsTr("model"))
        if (ModelController.state !== "ready")
            return qsTr("No model loaded")
        const quant = ModelController.quantization.length > 0 ? " · " + ModelController.quantization : ""
        return ModelController.name + quant + " · " + ModelController.deviceName
    }
    readonly property string contextPart: ModelController.contextSize > 0
        ? qsTr("Context %1 / %2").arg(ChatController.contextUsed.toLocaleString(Qt.locale(), "f", 0))
                                 .arg(ModelController.contextSize.toLocaleString(Qt.locale(), "f", 0))
        : ""
    readonly property string replyPart: ChatController.lastTokensPerSecond > 0
        ? qsTr("Last reply: %1 ms to first token, %2 tokens/s")
              .arg(ChatController.lastTimeToFirstTokenMs.toLocaleString(Qt.locale(), "f", 0))
              .arg(ChatController.lastTokensPerSecond.toLocaleString(Qt.locale(), "f", 1))
        : ""
    readonly property var shownParts: [modelPart, contextPart, replyPart].filter(s => s.length > 0)

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 12
        spacing: 12
        Flow {
            id: parts
            objectName: "statusText"
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter
            spacing: 24
            Repeater {
                model: status.shownParts
                Label {
                    required property string modelData
                    objectName: "statusPart"
                    // A part wider than the whole line (a very long model name) is still elided.
                    width: Math.min(implicitWidth, parts.width)
                    text: modelData
                    elide: Text.ElideRight
                    font.pointSize: window.font.pointSize * 0.85
                    opacity: 0.8
                    textFormat: Text.PlainText
                }
            }
        }
        ProgressBar {
            visible: ModelController.state === "loading"
            Layout.preferredWidth: 160
            value: ModelController.loadProgress
            Accessible.name: qsTr("Model loading progress")
        }
    }
}
