// The bottom line: model and quantization, device, context used / size, and the last reply's time
// to first token and speed; a progress bar while the model loads.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

Rectangle {
    id: status
    // Always one line: when it wrapped (at the default width once a reply had ended) it grew and
    // pushed the reply's footer below the fold. What does not fit is elided, the model's part
    // first and the reply's figures last (they are what changes; the model is in Settings too).
    implicitHeight: Math.max(28, modelLabel.implicitHeight + 8)
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
        ? qsTr("Last reply: %1 to first token, %2 tokens/s")
              .arg(firstTokenTime.text(ChatController.lastTimeToFirstTokenMs, Qt.locale()))
              .arg(ChatController.lastTokensPerSecond.toLocaleString(Qt.locale(), "f", 1))
        : ""
    FirstTokenTime { id: firstTokenTime }
    readonly property var shownParts: [modelPart, contextPart, replyPart].filter(s => s.length > 0)

    component StatusPart: Label {
        objectName: "statusPart"
        visible: text.length > 0
        anchors.verticalCenter: parent.verticalCenter
        elide: Text.ElideRight
        font.pointSize: window.font.pointSize * 0.85
        opacity: 0.8
        textFormat: Text.PlainText
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 12
        spacing: 12
        Item {
            id: parts
            objectName: "statusText"
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter
            implicitHeight: modelLabel.implicitHeight
            readonly property real gap: 24
            // Width left for the text once the gaps between the shown parts are taken.
            readonly property real room: width - gap * (status.shownParts.length - 1)
            // Left to right as read; the widths are given from the reply's figures backwards.
            StatusPart {
                id: modelLabel
                text: status.modelPart
                width: Math.min(implicitWidth, Math.max(0, parts.room - (replyLabel.visible ? replyLabel.width : 0)
                                                             - (contextLabel.visible ? contextLabel.width : 0)))
            }
            StatusPart {
                id: contextLabel
                text: status.contextPart
                x: modelLabel.visible ? modelLabel.x + modelLabel.width + parts.gap : 0
                width: Math.min(implicitWidth, Math.max(0, parts.room - (replyLabel.visible ? replyLabel.width : 0)))
            }
            StatusPart {
                id: replyLabel
                text: status.replyPart
                x: contextLabel.visible ? contextLabel.x + contextLabel.width + parts.gap
                   : modelLabel.visible ? modelLabel.x + modelLabel.width + parts.gap : 0
                width: Math.min(implicitWidth, parts.room)
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
