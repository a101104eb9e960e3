// A new, empty conversation: a greeting and a few example prompts to start from. Choosing one puts
// it in the composer, where it can be edited before sending.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

Item {
    id: empty
    signal promptChosen(string text)

    readonly property var examples: [
        {
            title: qsTr("A race of five snails"),
            text: qsTr("Five snails run a race. Ties are possible: any number of snails may cross the finish line together. In how many different ways can the race end? Reason step by step, then give the number.")
        },
        {
            title: qsTr("Explain a concept"),
            text: qsTr("Explain the difference between a process and a thread, with a short C++ example of each.")
        },
        {
            title: qsTr("Write with care"),
            text: qsTr("Write a friendly, short email to a colleague asking to move tomorrow's meeting to Thursday afternoon.")
        },
        {
            title: qsTr("Check my reasoning"),
            text: qsTr("A bat and a ball cost 1.10 in total. The bat costs 1.00 more than the ball. How much does the ball cost? Show the algebra.")
        }
    ]

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 760)
        spacing: 16

        Label {
            Layout.fillWidth: true
            text: qsTr("What shall we work on?")
            font.pointSize: window.font.pointSize * 1.6
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Phi-4 runs on this computer: nothing you write leaves it. Pick an example or write your own message below.")
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            opacity: 0.7
        }
        GridLayout {
            Layout.fillWidth: true
            columns: empty.width > 640 ? 2 : 1
            rowSpacing: 12
            columnSpacing: 12
            Repeater {
                model: empty.examples
                delegate: Button {
                    id: card
                    required property var modelData
                    objectName: "examplePrompt"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 110
                    flat: false
                    Material.elevation: 1
                    Material.background: Material.theme === Material.Dark ? "#262b30" : "#ffffff"
                    Accessible.name: qsTr("Example: %1").arg(modelData.title)
                    Accessible.description: modelData.text
                    onClicked: empty.promptChosen(modelData.text)
                    contentItem: ColumnLayout {
                        spacing: 4
                        Label {
                            Layout.fillWidth: true
                            text: card.modelData.title
                            font.bold: true
                            font.capitalization: Font.MixedCase
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            text: card.modelData.text
                            wrapMode: Text.Wrap
                            elide: Text.ElideRight
                            maximumLineCount: 3
                            font.capitalization: Font.MixedCase
                            opacity: 0.75
                            font.pointSize: window.font.pointSize * 0.9
                        }
                    }
                }
            }
        }
    }
}
