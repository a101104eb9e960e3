// Settings: how replies are sampled, their length, and the default system prompt.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veloce

ScrollView {
    id: page
    readonly property var s: ChatController.settings
    // What the last "Reset to defaults" replaced (AppSettings.resetGeneration), for its Undo; null
    // when there is nothing to undo. An undo rather than a confirmation: the user sees at once
    // what the reset changed, on this page, and can take it back, instead of answering a question
    // before seeing anything. Forgotten when the page is left.
    property var undoReset: null
    onVisibleChanged: if (!visible) undoReset = null
    contentWidth: availableWidth

    ColumnLayout {
        width: page.availableWidth - 40
        x: 20
        spacing: 12

        Item { Layout.preferredHeight: 4 }

        SliderSetting {
            label: qsTr("Temperature")
            hint: qsTr("Higher is more varied, lower more focused; 0 always picks the most likely word.")
            from: 0
            to: 2
            stepSize: 0.05
            value: page.s.temperature
            onMoved: (v) => page.s.temperature = v
        }
        SettingRow {
            label: qsTr("Top-k")
            hint: qsTr("Choose among the k most likely tokens; 0 turns it off.")
            SpinBox {
                objectName: "topKBox"
                from: 0
                to: 500
                editable: true
                value: page.s.topK
                Accessible.name: qsTr("Top-k")
                onValueModified: page.s.topK = value
            }
        }
        SliderSetting {
            label: qsTr("Top-p")
            hint: qsTr("Choose among the most likely tokens that together reach this probability; 1 turns it off.")
            value: page.s.topP
            onMoved: (v) => page.s.topP = v
        }
        SliderSetting {
            label: qsTr("Min-p")
            hint: qsTr("Leave out tokens less likely than this fraction of the most likely one; 0 turns it off.")
            value: page.s.minP
            onMoved: (v) => page.s.minP = v
        }
        SliderSetting {
            label: qsTr("Repetition penalty")
            hint: qsTr("Above 1 makes repeating recent tokens less likely; 1 turns it off.")
            from: 1
            to: 2
            value: page.s.repeatPenalty
            onMoved: (v) => page.s.repeatPenalty = v
        }
        SettingRow {
            label: qsTr("Seed")
            hint: qsTr("The same seed and settings give the same reply; “random” gives a new one every time.")
            // 0 is "random", as AppSettings stores it (a new seed for every reply); the box showed
            // "0" while the hint spoke of "random", and only -1 displayed as such.
            SpinBox {
                id: seedBox
                objectName: "seedBox"
                from: 0
                to: 2147483647
                editable: true
                value: Math.max(0, page.s.seed)
                Accessible.name: qsTr("Seed")
                textFromValue: (value, locale) => value <= 0 ? qsTr("random") : Number(value).toString()
                valueFromText: (text, locale) => (text === qsTr("random") || text.length === 0) ? 0 : parseInt(text)
                validator: RegularExpressionValidator { regularExpression: /\d{1,10}|\p{L}+/ }
                onValueModified: page.s.seed = value
            }
        }
        SettingRow {
            label: qsTr("Longest reply")
            hint: qsTr("A reply that reaches this many tokens is cut off there and marked as cut.")
            SpinBox {
                objectName: "maxReplyBox"
                from: 16
                to: 16384
                stepSize: 64
                editable: true
                value: page.s.maxReplyTokens
                Accessible.name: qsTr("Longest reply in tokens")
                onValueModified: page.s.maxReplyTokens = value
            }
            Label {
                text: qsTr("tokens")
            }
        }
        Label {
            Layout.topMargin: 8
            text: qsTr("Default system prompt")
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: 110
            AppTextArea {
                objectName: "defaultSystemPrompt"
                text: page.s.defaultSystemPrompt
                wrapMode: TextArea.Wrap
                selectByMouse: true
                placeholderText: qsTr("Instructions for every new conversation (each conversation can have its own)")
                Accessible.name: qsTr("Default system prompt")
                onEditingFinished: page.s.defaultSystemPrompt = text
                Keys.onTabPressed: (event) => { nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason); event.accepted = true }
                Keys.onBacktabPressed: (event) => { nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason); event.accepted = true }
            }
        }
        RowLayout {
            Layout.topMargin: 8
            spacing: 12
            Button {
                objectName: "resetGenerationButton"
                text: qsTr("Reset to defaults")
                Accessible.name: qsTr("Reset the generation settings on this page to their defaults")
                onClicked: page.undoReset = page.s.resetGeneration()
            }
            Label {
                objectName: "generationResetNotice"
                Layout.fillWidth: true
                visible: page.undoReset !== null
                text: qsTr("The settings on this page are back to their defaults.")
                wrapMode: Text.Wrap
            }
            Button {
                objectName: "undoGenerationResetButton"
                visible: page.undoReset !== null
                flat: true
                text: qsTr("Undo")
                Accessible.name: qsTr("Undo the reset of the generation settings")
                onClicked: {
                    page.s.restoreGeneration(page.undoReset)
                    page.undoReset = null
                }
            }
        }
        Item { Layout.preferredHeight: 8 }
    }
}
