// One message: who wrote it, its text (Markdown rendered safely by StreamingRenderer, code in frames),
// and its actions: copy, edit (yours) or regenerate (replies), and the "2/3" switcher between
// alternative versions.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce 1.0
import Veloce

FocusScope {
    id: message
    required property var model
    required property int index
    signal linkActivated(string link)

    readonly property bool isUser: model.role === "user"
    readonly property bool streaming: model.state === "streaming"
    property bool editing: false

    function startEdit() {
        editor.text = model.content
        editing = true
        editor.forceActiveFocus()
        editor.cursorPosition = editor.length
    }
    function flash() { flashAnimation.restart() }
    // The message a search result opened: marked until the next click in the conversation.
    readonly property bool isSearchHit: model.id > 0 && ListView.view !== null
                                        && ListView.view.highlightedMessageId === model.id
    // Right click on the text: the conversation's menu, Copy (the selection), Copy message,
    // Select all (MessageMenu.qml). Each text block (paragraph, code block, formula) is its own
    // item, so that a streaming reply re-renders only its last piece; PieceSelection (below)
    // carries a mouse selection from one piece into the next.
    signal menuRequested(var edit, point position)
    function openMenu(edit, position) { menuRequested(edit, edit.mapToItem(message, position.x, position.y)) }

    implicitHeight: bubble.implicitHeight + 8
    Accessible.role: Accessible.ListItem
    Accessible.name: (isUser ? qsTr("You") : qsTr("Phi-4")) + ": " + model.content

    Rectangle {
        id: bubble
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.min(parent.width - 32, 860)
        implicitHeight: column.implicitHeight + 24
        radius: 8
        color: message.isUser ? (Material.theme === Material.Dark ? "#23303a" : "#e8f1f5") : "transparent"
        border.width: message.ListView.isCurrentItem && message.ListView.view.activeFocus ? 2 : 0
        border.color: Material.accent

        Rectangle {
            objectName: "searchHitMark"
            anchors.fill: parent
            radius: parent.radius
            visible: message.isSearchHit
            color: Qt.rgba(Material.accent.r, Material.accent.g, Material.accent.b, 0.12)
            border.width: 2
            border.color: Material.accent
        }

        Rectangle {
            id: flashOverlay
            anchors.fill: parent
            radius: parent.radius
            color: Material.accent
            opacity: 0
            SequentialAnimation on opacity {
                id: flashAnimation
                running: false
                NumberAnimation { to: 0.25; duration: 200 }
                PauseAnimation { duration: 600 }
                NumberAnimation { to: 0; duration: 600 }
            }
        }

        ColumnLayout {
            id: column
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: 12
            spacing: 6

            RowLayout {
                spacing: 8
                Label {
                    text: message.isUser ? qsTr("You") : qsTr("Phi-4")
                    font.bold: true
                    color: message.isUser ? Material.foreground : Material.accent
                }
                Label {
                    visible: message.model.state === "stopped"
                    text: qsTr("stopped")
                    opacity: 0.6
                    font.italic: true
                }
                Label {
                    visible: message.model.state === "error"
                    text: qsTr("generation failed")
                    color: Material.color(Material.Red)
                    font.italic: true
                }
            }

            // The reply's pieces (paragraphs, code blocks, formulas). While it streams only the
            // last, still open piece is rendered again per token; the rows before it, and so
            // their delegates, stay as they are.
            StreamingRenderer {
                id: rendered
                text: message.editing ? "" : message.model.content
                finished: !message.streaming
                linkColor: window.linkColor
                dark: Material.theme === Material.Dark
                // Latin Modern's letters are smaller than the interface font's at one size: a
                // fifth larger, their x-heights roughly agree.
                mathPixelSize: Math.round(textSize.fontInfo.pixelSize * 1.2)
                // A Label's colour is the theme's text colour where the renderer (no item) has none.
                mathColor: textSize.color
                devicePixelRatio: Screen.devicePixelRatio
                textXHeight: textMetrics.xHeight
            }
            FontMetrics {
                id: textMetrics
                font: window.font
            }
            // The body text's size in pixels, whatever unit the font was set in, and its colour.
            Label {
                id: textSize
                visible: false
                font: window.font
                text: "x"
            }

            Repeater {
                id: pieceRepeater
                model: rendered
                delegate: Loader {
                    id: piece
                    required property string kind
                    required property string html
                    required property string code
                    required property string language
                    required property string highlighted
                    required property string tex
                    required property string mathUrl
                    required property string mathError
                    Layout.fillWidth: true
                    // A display formula once it is closed; while it streams open, its source.
                    sourceComponent: kind === "code" ? codeComponent
                                     : kind === "math" && tex.length > 0 ? mathComponent : proseComponent
                    Component {
                        id: proseComponent
                        ProseBlock {
                            html: piece.html
                            selection: pieceSelection
                            onLinkActivated: (link) => message.linkActivated(link)
                            onMenuRequested: (edit, position) => message.openMenu(edit, position)
                        }
                    }
                    Component {
                        id: mathComponent
                        MathBlock {
                            tex: piece.tex
                            source: piece.code
                            url: piece.mathUrl
                            error: piece.mathError
                        }
                    }
                    Component {
                        id: codeComponent
                        CodeBlock {
                            code: piece.code
                            language: piece.language
                            highlighted: piece.highlighted
                            selection: pieceSelection
                            onMenuRequested: (edit, position) => message.openMenu(edit, position)
                        }
                    }
                }
            }

            Label {
                visible: message.streaming
                objectName: "replyProgress"
                // While the history is read, how far: the prompt's tokens read so far (those
                // reused from the previous turn count at once) of its length.
                text: ChatController.sendState !== "prefill" ? qsTr("Writing…")
                      : ChatController.prefillTotal > 0
                        ? qsTr("Reading the conversation… %1 of %2 tokens")
                              .arg(Number(ChatController.prefillDone).toLocaleString(Qt.locale(), "f", 0))
                              .arg(Number(ChatController.prefillTotal).toLocaleString(Qt.locale(), "f", 0))
                        : qsTr("Reading the conversation…")
                opacity: 0.6
                font.italic: true
            }

            MessageFooter {
                Layout.fillWidth: true
                visible: !message.isUser && !message.editing && text.length > 0
                stopReason: message.model.stopReason
                completionTokens: message.model.completionTokens
                tokensPerSecond: message.model.tokensPerSecond
                timeToFirstTokenMs: message.model.timeToFirstTokenMs
                baseFont: window.font
            }

            MessageEditor {
                id: editor
                Layout.fillWidth: true
                visible: message.editing
                onSaved: (text) => {
                    message.editing = false
                    ChatController.editMessage(message.model.id, text)
                }
                onCancelled: message.editing = false
            }

            MessageActions {
                visible: !message.editing && !message.streaming
                isUser: message.isUser
                messageId: message.model.id
                content: message.model.content
                siblingIndex: message.model.siblingIndex
                siblingCount: message.model.siblingCount
                // Cut by the length limit or by Stop: either way the reply can go on where it ended.
                canContinue: !message.isUser && message.model.isLast
                             && (message.model.stopReason === "length" || message.model.stopReason === "stopped")
                onEditRequested: message.startEdit()
            }
        }

        // Over the pieces, so that it sees a press before the piece under it does.
        PieceSelection {
            id: pieceSelection
            objectName: "pieceSelection"
            anchors.fill: column
            repeater: pieceRepeater
            within: message
        }
    }
}
