// Settings: the local OpenAI-compatible server (ServerController), its switch, port, whether its
// chats are kept in the history, and the requests of this run (client, tokens, speed, outcome).
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

ScrollView {
    id: page
    readonly property var s: ChatController.settings
    contentWidth: availableWidth

    // Why a request was refused, in the interface language: the API's message to the client is
    // English whatever the app's language, so only what names the request's own mistake (a
    // parameter, a model) is quoted from it.
    function refusal(status, message) {
        switch (status) {
        case 400: return qsTr("invalid request: “%1”").arg(message)
        case 401: return qsTr("wrong or missing API key")
        case 404: return qsTr("not found: “%1”").arg(message)
        case 408: return qsTr("the request did not arrive in time")
        case 413: return qsTr("request too large")
        case 429: return qsTr("busy with other requests")
        case 431: return qsTr("request headers too large")
        case 501: return qsTr("request body in chunks, not supported")
        case 503: return qsTr("too many open connections")
        case 505: return qsTr("HTTP version not supported")
        default: return qsTr("error: “%1”").arg(message)
        }
    }

    ColumnLayout {
        width: page.availableWidth - 40
        x: 20
        spacing: 16

        Item { Layout.preferredHeight: 4 }

        SettingRow {
            label: qsTr("API server")
            hint: qsTr("Lets editors, scripts and agents on this computer use the loaded model through OpenAI's API. Other computers cannot connect.")
            Switch {
                objectName: "serverSwitch"
                checked: page.s.serverEnabled
                Accessible.name: qsTr("Serve the model to programs on this computer")
                onToggled: page.s.serverEnabled = checked
            }
        }
        SettingRow {
            label: qsTr("Port")
            SpinBox {
                objectName: "serverPortBox"
                from: 1024
                to: 65535
                editable: true
                value: page.s.serverPort
                // A port is a number, not a quantity: no thousands separator.
                textFromValue: (value) => value.toString()
                valueFromText: (text) => parseInt(text)
                Accessible.name: qsTr("Port of the API server")
                onValueModified: page.s.serverPort = value
            }
        }
        SettingRow {
            label: qsTr("Keep API chats")
            hint: qsTr("Chats made through the server appear in the sidebar, where you can read, search and export them.")
            Switch {
                objectName: "serverStoreSwitch"
                checked: page.s.serverStoresChats
                Accessible.name: qsTr("Keep chats made through the API server in the history")
                onToggled: page.s.serverStoresChats = checked
            }
        }
        Label {
            objectName: "serverStatus"
            Layout.fillWidth: true
            text: ServerController.status
            wrapMode: Text.Wrap
            color: ServerController.error.length > 0 ? Material.color(Material.Red) : Material.foreground
        }
        AppTextField {
            objectName: "serverAddress"
            Layout.fillWidth: true
            visible: ServerController.running
            readOnly: true
            selectByMouse: true
            font.family: "monospace"
            text: "curl " + ServerController.address + "/chat/completions -H 'Content-Type: application/json' -d '{\"model\": \""
                  + ServerController.modelId + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}'"
            Accessible.name: qsTr("Example request")
            // Its start (the address) is what matters; a TextField shows the end otherwise.
            onTextChanged: cursorPosition = 0
        }

        Label {
            text: qsTr("Requests")
            font.bold: true
        }
        ListView {
            id: requests
            objectName: "serverRequests"
            Layout.fillWidth: true
            Layout.preferredHeight: 220
            clip: true
            model: ServerController.requests
            Accessible.name: qsTr("Requests to the API server")
            delegate: Label {
                required property string client
                required property string endpoint
                required property int outcome
                required property int status
                required property string error
                required property int promptTokens
                required property int completionTokens
                required property real tokensPerSecond
                // The interface language's locale (TranslationLoader::apply names it in
                // Qt.uiLanguage), so a switch rewrites the numbers of rows logged before it.
                readonly property var numbers: Qt.locale(Qt.uiLanguage)
                // The outcome in the interface language; a refusal says why (refusal() above).
                readonly property string outcomeText: outcome === ServerRequestLog.Generating ? qsTr("generating")
                    : outcome === ServerRequestLog.Answered ? "200"
                    : outcome === ServerRequestLog.ClientLeft ? qsTr("client left")
                    : outcome === ServerRequestLog.ServerStopped ? qsTr("the server stopped")
                    : "%1: %2".arg(status).arg(page.refusal(status, error))

                width: requests.width
                padding: 4
                wrapMode: Text.Wrap
                // Tokens and speed only for requests that generated; a refused one shows why.
                text: outcome === ServerRequestLog.Answered || outcome === ServerRequestLog.Generating
                      ? qsTr("%1 · %2 · %3 + %4 tokens · %5 tokens/s · %6")
                        .arg(client).arg(endpoint).arg(promptTokens.toLocaleString(numbers, "f", 0))
                        .arg(completionTokens.toLocaleString(numbers, "f", 0))
                        .arg(tokensPerSecond.toLocaleString(numbers, "f", 1)).arg(outcomeText)
                      : "%1 · %2 · %3".arg(client).arg(endpoint).arg(outcomeText)
            }
            Label {
                anchors.centerIn: parent
                visible: requests.count === 0
                text: qsTr("No requests yet.")
                opacity: 0.65
            }
        }
    }
}
