// Settings: the model file, the compute device and the context size.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import Veloce

ScrollView {
    id: page
    readonly property var s: ChatController.settings
    property string fileError: ""
    // A file chosen here is loaded at once, as from the setup view (before, it was only saved,
    // and nothing said that it would load at the next start). A reply being written is
    // finished first: the model is not swapped from under it.
    function useFile(path) {
        fileError = ModelController.validateFile(path)
        if (fileError.length > 0)
            return
        s.modelPath = path
        if (ChatController.busy)
            pendingPath = path
        else
            ModelController.load(path)
    }
    property string pendingPath: ""
    Connections {
        target: ChatController
        function onSendStateChanged() {
            if (!ChatController.busy && page.pendingPath.length > 0) {
                const path = page.pendingPath
                page.pendingPath = ""
                ModelController.load(path)
            }
        }
    }
    contentWidth: availableWidth

    FileDialog {
        id: fileDialog
        objectName: "settingsModelFileDialog"
        currentFolder: DesktopBridge.folderUrl(DesktopBridge.startFolder(page.s.modelPath))
        title: qsTr("Choose a Phi-4 GGUF file")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("GGUF models (*.gguf)"), qsTr("All files (*)")]
        onAccepted: page.useFile(DesktopBridge.localPath(selectedFile))
    }

    ColumnLayout {
        width: page.availableWidth - 40
        x: 20
        // No spacer above the first row: the dialog already leaves room under its tabs, and the
        // 20 px it took pushed "Load the model with these settings" past the first screen.
        spacing: 16

        SettingRow {
            label: qsTr("Model file")
            hint: page.s.modelPathOverridden ? qsTr("Set by --model or VELOCE_MODEL for this run.") : ""
            AppTextField {
                objectName: "modelPathField"
                Layout.fillWidth: true
                readOnly: true
                text: page.s.modelPath
                placeholderText: qsTr("No model chosen")
                Accessible.name: qsTr("Model file")
            }
            Button {
                objectName: "settingsChooseModelButton"
                text: qsTr("Choose…")
                Accessible.name: qsTr("Choose a model file")
                onClicked: fileDialog.open()
            }
        }
        Label {
            Layout.fillWidth: true
            visible: page.pendingPath.length > 0
            text: qsTr("This model is loaded as soon as the reply being written is finished.")
            wrapMode: Text.Wrap
        }
        Label {
            Layout.fillWidth: true
            visible: page.fileError.length > 0
            text: page.fileError
            wrapMode: Text.Wrap
            color: Material.color(Material.Red)
        }

        SettingRow {
            label: qsTr("Device")
            hint: qsTr("“Automatic” picks the fastest Vulkan device. The CPU reference and Vulkan CPU drivers (llvmpipe, lavapipe) are very slow: well under 1 token per second with Phi-4.")
            AppComboBox {
                id: deviceBox
                objectName: "deviceBox"
                Layout.fillWidth: true
                model: page.s.devices
                textRole: "name"
                valueRole: "id"
                Accessible.name: qsTr("Device")
                Component.onCompleted: currentIndex = Math.max(0, indexOfValue(page.s.device))
                onActivated: page.s.device = currentValue
                Connections {
                    target: page.s
                    function onDeviceChanged() { deviceBox.currentIndex = Math.max(0, deviceBox.indexOfValue(page.s.device)) }
                    // The list is made again after a language switch (its names are words):
                    // the box keeps showing the chosen device, not the list's first.
                    function onDevicesChanged() { deviceBox.currentIndex = Math.max(0, deviceBox.indexOfValue(page.s.device)) }
                }
            }
        }

        SettingRow {
            label: qsTr("Context size")
            hint: qsTr("How many tokens of the conversation the model can see at once. More needs more memory.")
            // The settings apply at the next load: said when the context differs from the loaded
            // model's, so the page never shows values that are not in use without a word. Under
            // the context it is about, in the hint's place: as a line of its own it pushed "Load
            // the model with these settings" below the page's first screen.
            noteObjectName: "loadedModelDiffers"
            note: ModelController.state === "ready" && ModelController.contextSize !== page.s.contextSize
                  ? qsTr("The loaded model uses a %1-token context; “Load the model with these settings” applies %2.")
                        .arg(ModelController.contextSize.toLocaleString(Qt.locale(), "f", 0))
                        .arg(page.s.contextSize.toLocaleString(Qt.locale(), "f", 0))
                  : ""
            SpinBox {
                objectName: "contextSizeBox"
                from: 256
                to: 16384
                stepSize: 256
                editable: true
                value: page.s.contextSize
                Accessible.name: qsTr("Context size in tokens")
                onValueModified: page.s.contextSize = value
            }
            Label {
                text: qsTr("tokens")
            }
        }

        SettingRow {
            label: qsTr("Conversation memory")
            hint: qsTr("How the model keeps what it has read (its KV cache). 8-bit needs about half the memory of 16-bit, so a longer context fits, and its answers differ very slightly.")
            AppComboBox {
                id: kvTypeBox
                objectName: "kvTypeBox"
                Layout.fillWidth: true
                model: [
                    { value: "f16", text: qsTr("16-bit (f16)") },
                    { value: "q8_0", text: qsTr("8-bit (q8_0), about half the memory") }
                ]
                textRole: "text"
                valueRole: "value"
                Accessible.name: qsTr("Conversation memory precision")
                Component.onCompleted: currentIndex = Math.max(0, indexOfValue(page.s.kvType))
                onActivated: page.s.kvType = currentValue
                Connections {
                    target: page.s
                    function onKvTypeChanged() { kvTypeBox.currentIndex = Math.max(0, kvTypeBox.indexOfValue(page.s.kvType)) }
                }
            }
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 1
            color: Material.dividerColor
        }

        // What is loaded and the button that loads these settings side by side: one line less,
        // so the button is whole on the page's first screen (it was cut by the page's bottom edge).
        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                text: ModelController.state === "ready"
                      ? qsTr("Loaded: %1 (%2) on %3, context %4 tokens.").arg(ModelController.file).arg(ModelController.quantization)
                            .arg(ModelController.deviceName).arg(ModelController.contextSize.toLocaleString(Qt.locale(), "f", 0))
                      : ModelController.state === "loading" ? qsTr("Loading…")
                      : ModelController.state === "error" ? qsTr("Not loaded: %1").arg(ModelController.error)
                      : qsTr("No model loaded.")
            }
            Button {
                objectName: "reloadModelButton"
                text: qsTr("Load the model with these settings")
                enabled: ModelController.state !== "loading" && page.s.modelPath.length > 0
                Accessible.name: text
                onClicked: ModelController.load("")
            }
        }
        Label {
            Layout.fillWidth: true
            visible: ModelController.info.length > 0
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            opacity: 0.75
            text: ModelController.info
        }
        ProgressBar {
            Layout.fillWidth: true
            visible: ModelController.state === "loading"
            value: ModelController.loadProgress
            Accessible.name: qsTr("Model loading progress")
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 1
            color: Material.dividerColor
        }
        Label {
            text: qsTr("Download Phi-4")
            font.bold: true
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        ModelCatalogue {
            objectName: "settingsCatalogue"
            Layout.fillWidth: true
            deviceChoiceAbove: true
        }
        Item { Layout.preferredHeight: 8 }
    }
}
