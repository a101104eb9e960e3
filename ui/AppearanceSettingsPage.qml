// Settings: theme, font size and language.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veloce

ScrollView {
    id: page
    readonly property var s: ChatController.settings
    contentWidth: availableWidth

    // The saved value's row, found in the list itself: ComboBox.indexOfValue() read the model
    // before it was set when the page was created, so after a restart the box showed the first
    // entry ("Follow the system") whatever was saved, and nothing re-evaluated it.
    function rowOf(options, value) {
        return Math.max(0, options.findIndex(o => o.value === value))
    }
    readonly property var themeOptions: [
        { value: "system", text: qsTr("Follow the system") },
        { value: "light", text: qsTr("Light") },
        { value: "dark", text: qsTr("Dark") }
    ]
    // Language names are written in their own language, so they can be found in any.
    readonly property var languageOptions: [
        { value: "", text: qsTr("Follow the system") },
        { value: "en", text: "English" },
        { value: "it", text: "Italiano" }
    ]

    ColumnLayout {
        width: page.availableWidth - 40
        x: 20
        spacing: 16

        Item { Layout.preferredHeight: 4 }

        SettingRow {
            label: qsTr("Theme")
            AppComboBox {
                id: themeBox
                objectName: "themeBox"
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: page.themeOptions
                currentIndex: page.rowOf(page.themeOptions, page.s.theme)
                Accessible.name: qsTr("Theme")
                onActivated: page.s.theme = currentValue
            }
        }
        SettingRow {
            label: qsTr("Font size")
            SpinBox {
                objectName: "fontSizeBox"
                from: 8
                to: 32
                editable: true
                value: page.s.fontSize
                Accessible.name: qsTr("Font size in points")
                onValueModified: page.s.fontSize = value
            }
            Label {
                text: qsTr("points")
            }
        }
        SettingRow {
            label: qsTr("Language")
            hint: qsTr("The language of Veloce itself. Phi-4 answers in the language you write in.")
            AppComboBox {
                id: languageBox
                objectName: "languageBox"
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: page.languageOptions
                currentIndex: page.rowOf(page.languageOptions, page.s.language)
                Accessible.name: qsTr("Language")
                onActivated: page.s.language = currentValue
            }
        }
    }
}
