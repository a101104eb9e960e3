// One search hit: the conversation's title, who wrote the match and when, and the snippet around
// the match (matches in bold).
// Opening it shows the conversation at the matching message.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

ItemDelegate {
    id: hit
    required property var model
    required property int index
    // The role of the matching message; empty for a title match (or a model without that role).
    readonly property string role: model.role !== undefined ? model.role : ""
    readonly property string author: role === "user" ? qsTr("You")
                                   : role === "assistant" ? qsTr("Phi-4")
                                   : role === "system" ? qsTr("System prompt") : qsTr("Title")
    readonly property string authorAndDate: {
        const when = model.createdAt
        if (!when || isNaN(when.getTime()))
            return author
        return qsTr("%1 · %2").arg(author).arg(when.toLocaleDateString(Qt.locale(), Locale.ShortFormat))
    }
    readonly property bool keyboardCurrent: ListView.isCurrentItem && ListView.view.activeFocus

    function open() { ChatController.openConversation(model.conversationId, model.messageId) }

    highlighted: ListView.isCurrentItem
    Accessible.name: qsTr("%1, %2: %3").arg(model.title).arg(authorAndDate).arg(model.snippet)
    onClicked: {
        ListView.view.currentIndex = index
        open()
    }
    Keys.onReturnPressed: open()
    Keys.onEnterPressed: open()

    contentItem: ColumnLayout {
        spacing: 2
        Label {
            Layout.fillWidth: true
            text: hit.model.title
            font.bold: true
            elide: Text.ElideRight
            textFormat: Text.PlainText
        }
        Label {
            Layout.fillWidth: true
            objectName: "searchHitSnippet"
            // snippetHtml is escaped by the model; only its <b> marks are markup.
            text: hit.model.snippetHtml
            textFormat: Text.StyledText
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
            opacity: 0.85
        }
        // Who wrote the matching message and when, so "you said" and "Phi-4 said" can be told
        // apart before opening anything.
        Label {
            objectName: "searchHitAuthor"
            Layout.fillWidth: true
            text: hit.authorAndDate
            font.pointSize: window.font.pointSize * 0.8
            opacity: 0.7
            elide: Text.ElideRight
            textFormat: Text.PlainText
        }
    }

    Rectangle {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: 4
        color: Material.accent
        visible: hit.keyboardCurrent || hit.visualFocus
    }
}
