// The sidebar: new conversation, search, and either the conversations by date (pinned first) or,
// while the search box has text, the search results with their matching snippets.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

Pane {
    id: sidebar
    padding: 0
    Material.background: Material.theme === Material.Dark ? "#1b1f23" : "#f3f5f7"

    signal settingsRequested()
    signal exportRequested(var conversationId)
    signal importRequested()
    signal renameRequested(var conversationId, string title)
    signal newConversationRequested()

    readonly property bool searching: searchField.text.trim().length > 0

    function focusSearch() {
        searchField.forceActiveFocus()
        searchField.selectAll()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 8
            spacing: 4

            Button {
                id: newButton
                objectName: "newConversationButton"
                Layout.fillWidth: true
                text: qsTr("New conversation")
                // A conversation needs a model: with none ready the setup view is where one
                // starts, and this button did nothing while looking like the main action.
                enabled: ModelController.state === "ready"
                highlighted: true
                Material.accent: window.accentButtonColor
                Accessible.name: qsTr("New conversation (Ctrl+N)")
                onClicked: sidebar.newConversationRequested()
            }
            ToolButton {
                id: menuButton
                objectName: "mainMenuButton"
                text: "⋮"
                font.pixelSize: 20
                Accessible.name: qsTr("Main menu")
                // Not over its own open menu, where it covered the first item.
                ToolTip.visible: hovered && !mainMenu.visible
                ToolTip.text: Accessible.name
                onClicked: mainMenu.open()

                FittedMenu {
                    id: mainMenu
                    objectName: "mainMenu"
                    y: menuButton.height
                    ShortcutMenuItem {
                        objectName: "importMenuItem"
                        text: qsTr("Import conversations…")
                        // After the menu has closed: a dialog opened from inside the
                        // triggered signal left the menu open behind it, and with it every
                        // window shortcut blocked once the dialog was cancelled.
                        onTriggered: Qt.callLater(sidebar.importRequested)
                    }
                    ShortcutMenuItem {
                        text: qsTr("Export…")
                        shortcut: "Ctrl+E"
                        onTriggered: Qt.callLater(() => sidebar.exportRequested(ChatController.currentConversationId))
                    }
                    ShortcutMenuItem {
                        text: qsTr("Settings")
                        shortcut: "Ctrl+,"
                        onTriggered: Qt.callLater(sidebar.settingsRequested)
                    }
                }
            }
        }

        AppTextField {
            id: searchField
            objectName: "searchField"
            Layout.fillWidth: true
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            placeholderText: qsTr("Search conversations (Ctrl+F)")
            Accessible.name: qsTr("Search conversations")
            selectByMouse: true
            onTextChanged: searchDelay.restart()
            Keys.onEscapePressed: (event) => {
                if (text.length > 0) {
                    text = ""
                    event.accepted = true
                } else {
                    event.accepted = false
                }
            }
            Keys.onDownPressed: {
                const list = sidebar.searching ? resultList : conversationList
                list.forceActiveFocus()
                if (list.currentIndex < 0 && list.count > 0)
                    list.currentIndex = 0
            }
            Timer {
                id: searchDelay
                interval: 200
                onTriggered: ConversationList.search(searchField.text.trim())
            }
        }

        UndoDeleteBar {
            Layout.fillWidth: true
            Layout.margins: 8
        }

        ListView {
            id: conversationList
            objectName: "conversationList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: 4
            visible: !sidebar.searching
            clip: true
            model: ConversationList.model
            keyNavigationEnabled: true
            activeFocusOnTab: true
            currentIndex: -1
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Conversations")
            ScrollBar.vertical: ScrollBar {}
            section.property: "section"
            section.criteria: ViewSection.FullString
            section.delegate: Label {
                required property string section
                width: ListView.view.width
                text: section
                padding: 8
                leftPadding: 16
                font.bold: true
                font.pointSize: window.font.pointSize * 0.85
                opacity: 0.7
                Accessible.role: Accessible.Heading
                Accessible.name: section
            }
            delegate: ConversationDelegate {
                width: ListView.view.width
                onRenameRequested: (conversationId, title) => sidebar.renameRequested(conversationId, title)
                onExportRequested: (conversationId) => sidebar.exportRequested(conversationId)
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 32
                visible: conversationList.count === 0
                text: qsTr("No conversations yet.")
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                opacity: 0.6
            }
        }

        ListView {
            id: resultList
            objectName: "searchResultList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: 4
            visible: sidebar.searching
            clip: true
            model: ConversationList.searchResults
            keyNavigationEnabled: true
            activeFocusOnTab: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Search results")
            ScrollBar.vertical: ScrollBar {}
            delegate: SearchResultDelegate {
                width: ListView.view.width
            }
            header: Label {
                width: ListView.view.width
                padding: 8
                leftPadding: 16
                opacity: 0.7
                text: qsTr("%n result(s)", "", resultList.count)
            }
        }
    }
}
