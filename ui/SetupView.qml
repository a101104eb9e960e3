// First run, or the model file is missing or failed to load: what is needed, a file picker and a
// drop zone, the validation error in words, and while loading a progress bar and the memory plan.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import Veloce

Pane {
    id: setup
    property string validationError: ""
    readonly property bool loading: ModelController.state === "loading"
    readonly property string configuredPath: ChatController.settings.modelPath
    signal settingsRequested()

    function deviceLabel(id) {
        const devices = ChatController.settings.devices
        for (let i = 0; i < devices.length; ++i)
            if (devices[i].id === id)
                return devices[i].name
        return id.length > 0 ? id : qsTr("automatic")
    }
    function useFile(path) {
        validationError = ModelController.validateFile(path)
        if (validationError.length > 0)
            return
        ChatController.settings.modelPath = path
        ModelController.load(path)
    }

    FileDialog {
        id: fileDialog
        objectName: "modelFileDialog"
        // The configured model's folder, else Documents or home: never the working directory.
        currentFolder: DesktopBridge.folderUrl(DesktopBridge.startFolder(setup.configuredPath))
        title: qsTr("Choose a Phi-4 GGUF file")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("GGUF models (*.gguf)"), qsTr("All files (*)")]
        onAccepted: setup.useFile(DesktopBridge.localPath(selectedFile))
    }

    // Ctrl+O, as "Open" everywhere: the same file dialog as the button.
    Shortcut {
        objectName: "shortcutOpenModel"
        sequences: [StandardKey.Open]
        enabled: setup.visible && !setup.loading
        onActivated: fileDialog.open()
    }

    DropArea {
        id: drop
        anchors.fill: parent
        keys: ["text/uri-list"]
        onDropped: (event) => {
            if (event.hasUrls && event.urls.length > 0) {
                const path = DesktopBridge.localPath(event.urls[0])
                if (path.length > 0)
                    setup.useFile(path)
                else
                    setup.validationError = qsTr("Only a file on this computer can be used as the model.")
                event.acceptProposedAction()
            }
        }
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(setup.availableWidth - 48, 720)
            x: (setup.availableWidth - width) / 2
            spacing: 16

            Item { Layout.preferredHeight: 24 }

            Label {
                Layout.fillWidth: true
                text: setup.loading ? qsTr("Loading the model") : qsTr("Choose the model")
                font.pointSize: window.font.pointSize * 1.8
                font.bold: true
                wrapMode: Text.Wrap
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Label {
                Layout.fillWidth: true
                visible: !setup.loading
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                text: qsTr("Veloce runs Microsoft's Phi-4 on this computer, from a GGUF file. Choose a file you already have, or download one below: smaller quantizations such as Q3_K_M need less memory, Q8_0 is closer to the original. Nothing else ever uses the network.")
            }
            Label {
                Layout.fillWidth: true
                visible: !setup.loading && ModelController.state === "none" && setup.configuredPath.length > 0
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                color: Material.color(Material.Orange)
                text: qsTr("The model file set in the settings was not found: %1").arg(setup.configuredPath)
            }

            Rectangle {
                id: dropZone
                Layout.fillWidth: true
                Layout.preferredHeight: 180
                visible: !setup.loading
                radius: 12
                color: drop.containsDrag ? Qt.rgba(Material.accent.r, Material.accent.g, Material.accent.b, 0.15) : "transparent"
                border.width: 2
                border.color: drop.containsDrag ? Material.accent : Material.dividerColor

                ColumnLayout {
                    anchors.centerIn: parent
                    spacing: 12
                    Label {
                        Layout.alignment: Qt.AlignHCenter
                        text: qsTr("Drop a .gguf file here")
                        opacity: 0.75
                    }
                    Button {
                        id: chooseButton
                        objectName: "chooseModelButton"
                        Layout.alignment: Qt.AlignHCenter
                        text: qsTr("Choose model file…")
                        highlighted: true
                        Material.accent: window.accentButtonColor
                        focus: true
                        Accessible.name: qsTr("Choose a model file")
                        onClicked: fileDialog.open()
                    }
                }
            }

            Label {
                objectName: "modelValidationError"
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                color: Material.color(Material.Red)
                text: setup.validationError.length > 0 ? setup.validationError
                      : ModelController.state === "error" ? qsTr("The model could not be loaded: %1").arg(ModelController.error) : ""
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }

            ColumnLayout {
                Layout.fillWidth: true
                visible: setup.loading
                spacing: 8
                Label {
                    Layout.fillWidth: true
                    text: ModelController.file.length > 0 ? ModelController.file : setup.configuredPath
                    elide: Text.ElideMiddle
                    textFormat: Text.PlainText
                }
                ProgressBar {
                    objectName: "modelLoadProgress"
                    Layout.fillWidth: true
                    value: ModelController.loadProgress
                    Accessible.name: qsTr("Model loading progress")
                }
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%1 %").arg(Math.round(ModelController.loadProgress * 100))
                        opacity: 0.7
                    }
                    // A 9 GB upload takes a while: the wrong file or device need not be waited out.
                    Button {
                        objectName: "cancelLoadButton"
                        text: qsTr("Cancel")
                        Accessible.name: qsTr("Cancel loading the model")
                        onClicked: ModelController.cancelLoading()
                    }
                }
            }

            GroupBox {
                Layout.fillWidth: true
                visible: ModelController.info.length > 0
                title: qsTr("Memory plan")
                Label {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    text: ModelController.info
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                }
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                visible: !setup.loading
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    opacity: 0.7
                    text: qsTr("Device: %1. Context: %2 tokens. Both can be changed in the settings.")
                          .arg(setup.deviceLabel(ChatController.settings.device))
                          .arg(ChatController.settings.contextSize.toLocaleString(Qt.locale(), "f", 0))
                }
                Button {
                    flat: true
                    text: qsTr("Settings…")
                    Accessible.name: qsTr("Open settings (Ctrl+,)")
                    onClicked: setup.settingsRequested()
                }
            }
            Label {
                Layout.fillWidth: true
                Layout.topMargin: 8
                visible: !setup.loading
                text: qsTr("Download Phi-4")
                font.pointSize: window.font.pointSize * 1.3
                font.bold: true
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            ModelCatalogue {
                objectName: "setupCatalogue"
                Layout.fillWidth: true
                visible: !setup.loading
            }
            Item { Layout.preferredHeight: 24 }
        }
    }
}
