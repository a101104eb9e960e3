// The Phi-4 files Veloce can download, each with what it needs at 4K and 16K tokens of context
// and whether it fits the chosen device (DownloadController's memory-plan verdict), and the one
// download in progress: progress, speed, time left, Pause / Resume / Discard. Shown by the
// first-run view and by Settings > Model.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

ColumnLayout {
    id: root
    spacing: 8
    readonly property bool busy: DownloadController.state === "downloading"
    readonly property bool stopped: DownloadController.state === "paused" || DownloadController.state === "failed"
    // On Settings > Model the device choice is on the same page, above: the hint points there
    // rather than spelling out the way into Settings the user has already taken.
    property bool deviceChoiceAbove: false

    function verdictColor(verdict) {
        if (verdict === "device")
            return Material.color(Material.Green)
        if (verdict === "partly" || verdict === "cpu")
            return Material.color(Material.Orange)
        return Material.color(Material.Red)
    }

    Label {
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        opacity: 0.75
        textFormat: Text.PlainText
        text: qsTr("Memory needs and verdicts are for %1 at %2 tokens of context. The files come from Hugging Face (bartowski/phi-4-GGUF); each is checked against the SHA-256 Hugging Face publishes before it is used.")
              .arg(DownloadController.deviceDescription)
              .arg(ChatController.settings.contextSize.toLocaleString(Qt.locale(), "f", 0))
    }

    // A CPU device: whatever fits memory, the answers come very slowly (as Settings > Device says).
    Label {
        objectName: "cpuWarning"
        Layout.fillWidth: true
        visible: DownloadController.runsOnCpu
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        color: Material.color(Material.Orange)
        text: root.deviceChoiceAbove
              ? qsTr("No GPU is in use: the model runs on the CPU, at well under 1 token per second for Phi-4 (14B). Choose a Vulkan GPU under Device above if this computer has one.")
              : qsTr("No GPU is in use: the model runs on the CPU, at well under 1 token per second for Phi-4 (14B). Choose a Vulkan GPU in Settings > Model > Device if this computer has one.")
    }

    // The download in progress, paused or failed.
    Pane {
        objectName: "downloadPanel"
        Layout.fillWidth: true
        visible: DownloadController.state !== "idle"
        Material.elevation: 1
        padding: 12
        ColumnLayout {
            anchors.left: parent.left
            anchors.right: parent.right
            spacing: 6
            Label {
                Layout.fillWidth: true
                font.bold: true
                elide: Text.ElideRight
                textFormat: Text.PlainText
                text: DownloadController.state === "done" ? qsTr("Downloaded %1").arg(DownloadController.activeName)
                      : DownloadController.state === "paused" ? qsTr("%1: paused").arg(DownloadController.activeName)
                      : DownloadController.state === "failed" ? qsTr("%1: stopped").arg(DownloadController.activeName)
                      : qsTr("Downloading %1").arg(DownloadController.activeName)
            }
            ProgressBar {
                objectName: "downloadProgress"
                Layout.fillWidth: true
                value: DownloadController.progress
                indeterminate: root.busy && DownloadController.progress === 0
                Accessible.name: qsTr("Download progress")
            }
            Label {
                objectName: "downloadProgressText"
                Layout.fillWidth: true
                opacity: 0.75
                textFormat: Text.PlainText
                text: DownloadController.progressText
            }
            Label {
                objectName: "downloadError"
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                color: Material.color(Material.Red)
                text: DownloadController.error
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            RowLayout {
                Layout.alignment: Qt.AlignRight
                Button {
                    objectName: "pauseDownloadButton"
                    visible: root.busy
                    text: qsTr("Pause")
                    Accessible.name: qsTr("Pause the download")
                    onClicked: DownloadController.pause()
                }
                Button {
                    objectName: "resumeDownloadButton"
                    visible: root.stopped
                    highlighted: true
                    Material.accent: window.accentButtonColor  // white text at 5.3:1 in both themes
                    text: qsTr("Resume")
                    Accessible.name: qsTr("Resume the download")
                    onClicked: DownloadController.resume()
                }
                Button {
                    objectName: "discardDownloadButton"
                    visible: root.stopped
                    flat: true
                    text: qsTr("Discard")
                    Accessible.name: qsTr("Discard the partly downloaded file")
                    onClicked: DownloadController.discard()
                }
            }
        }
    }

    Repeater {
        model: DownloadController.catalogue
        delegate: Pane {
            id: row
            required property var modelData
            objectName: "catalogue_" + modelData.quantization
            Layout.fillWidth: true
            padding: 10
            background: Rectangle {
                radius: 8
                color: "transparent"
                border.width: 1
                border.color: Material.dividerColor
            }
            // The card's height is the taller of its text and its button. Positioners, not
            // layouts: a ColumnLayout kept the one-line height a wrapped description had before
            // the card had its width, and drew the verdict over its second line (first run, no
            // model); a Column places each label under the height it really draws.
            contentHeight: Math.max(texts.implicitHeight, downloadButton.implicitHeight)
            Column {
                id: texts
                anchors.left: parent.left
                anchors.right: downloadButton.left
                anchors.rightMargin: 12
                anchors.verticalCenter: parent.verticalCenter
                spacing: 2
                Label {
                    width: parent.width
                    textFormat: Text.PlainText
                    font.bold: true
                    elide: Text.ElideRight
                    text: row.modelData.recommended ? qsTr("%1 · %2 · recommended").arg(row.modelData.quantization).arg(row.modelData.size)
                                                    : qsTr("%1 · %2").arg(row.modelData.quantization).arg(row.modelData.size)
                }
                Label {
                    objectName: "catalogueSummary"
                    width: parent.width
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    opacity: 0.75
                    text: qsTr("Needs %1 at 4K tokens, %2 at 16K. %3").arg(row.modelData.need4k).arg(row.modelData.need16k).arg(row.modelData.summary)
                }
                Label {
                    objectName: "verdict"
                    width: parent.width
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    color: root.verdictColor(row.modelData.verdict)
                    text: row.modelData.verdictText
                }
            }
            Button {
                id: downloadButton
                objectName: "downloadButton"
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                enabled: DownloadController.state !== "downloading"
                highlighted: row.modelData.recommended
                Material.accent: window.accentButtonColor  // white text at 5.3:1 in both themes
                text: row.modelData.exists ? qsTr("Use") : row.modelData.partial > 0 ? qsTr("Resume") : qsTr("Download")
                Accessible.name: row.modelData.exists ? qsTr("Use %1").arg(row.modelData.fileName)
                                                      : qsTr("Download %1 (%2)").arg(row.modelData.fileName).arg(row.modelData.size)
                onClicked: DownloadController.download(row.modelData.name)
            }
        }
    }
}
