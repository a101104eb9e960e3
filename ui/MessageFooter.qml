// The quiet line under a reply: how many tokens, how fast, how long until the first one, and
// how it ended. While the reply streams the figures are live (tokens/s updates per piece).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

Label {
    id: footer
    objectName: "replyFigures"
    property string stopReason        // "streaming", "finished", "stopped", "length", "error"
    property int completionTokens: -1 // -1: not measured
    property real tokensPerSecond: -1
    property real timeToFirstTokenMs: -1
    property font baseFont: Qt.application.font

    FirstTokenTime { id: firstTokenTime }

    function number(value, decimals) { return Number(value).toLocaleString(Qt.locale(), "f", decimals) }
    function reasonText() {
        switch (stopReason) {
        case "streaming": return qsTr("writing…")
        case "finished": return qsTr("finished")
        case "stopped": return qsTr("stopped by you")
        case "length": return qsTr("cut at the length limit")
        case "error": return qsTr("failed")
        }
        return ""
    }
    function figuresText() {
        const parts = []
        if (completionTokens >= 0)
            parts.push(completionTokens === 1 ? qsTr("1 token") : qsTr("%1 tokens").arg(number(completionTokens, 0)))
        if (tokensPerSecond >= 0)
            parts.push(qsTr("%1 tokens/s").arg(number(tokensPerSecond, 1)))
        if (timeToFirstTokenMs >= 0)
            parts.push(qsTr("%1 to first token").arg(firstTokenTime.text(timeToFirstTokenMs, Qt.locale())))
        const reason = reasonText()
        if (reason.length > 0)
            parts.push(reason)
        return parts.join(" · ")
    }

    text: figuresText()
    visible: text.length > 0
    wrapMode: Text.Wrap
    textFormat: Text.PlainText
    opacity: 0.6
    font.pointSize: baseFont.pointSize > 0 ? baseFont.pointSize * 0.85 : 9
    color: stopReason === "error" ? Material.color(Material.Red) : Material.foreground
    Accessible.role: Accessible.StaticText
    Accessible.name: text
}
