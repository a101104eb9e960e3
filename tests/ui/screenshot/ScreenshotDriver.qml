// Puts the main window into one named state without a mouse, for scripts/screenshots.sh
// (veloce_screenshot --screenshot-state NAME), then prints "screenshot-ready" so the script knows
// when to capture. Test-only: created by tests/ui/screenshot_app.cpp beside Main.qml, never part
// of the shipped app; it reaches the window's parts through the objects the tool hands it.
import QtQuick
import Veloce

QtObject {
    id: driver
    required property string stateName
    // --exit-when-ready (the smoke test): quit once ready instead of waiting to be killed.
    required property bool exitWhenReady
    required property var conversationList
    required property var searchField
    required property var searchResultList
    required property var settingsDialog
    required property var exportDialog
    // The demo conversation with code and Markdown (resources/demo/demo_conversations.py).
    readonly property string demoTitle: "Sorting a vector of structs in C++"
    property string pendingText: ""
    property int pieces: 0

    function ready() {
        console.log("screenshot-ready " + stateName)
        if (exitWhenReady)
            Qt.callLater(Qt.quit)
    }

    // As a click on its row in the sidebar: the row is highlighted and the conversation opens.
    function openByTitle(title) {
        for (let i = 0; i < conversationList.count; ++i) {
            const item = conversationList.itemAtIndex(i)
            if (item && item.model.title === title) {
                conversationList.currentIndex = i
                item.open()
                return
            }
        }
    }

    property Timer startTimer: Timer {
        interval: 800
        running: true
        onTriggered: driver.apply()
    }
    property Timer readyTimer: Timer {
        interval: 900
        onTriggered: driver.ready()
    }
    // The model loads after the window shows: send once it can.
    property Timer sendTimer: Timer {
        interval: 250
        repeat: true
        onTriggered: {
            if (ChatController.canSend) {
                stop()
                ChatController.send(driver.pendingText)
            }
        }
    }
    // Opens the last hit (a message inside a conversation) to show the jump to the match.
    property Timer searchOpenTimer: Timer {
        interval: 700
        onTriggered: {
            const list = driver.searchResultList
            list.currentIndex = ConversationList.searchResults.count - 1
            if (list.currentItem)
                list.currentItem.open()
            driver.readyTimer.start()
        }
    }
    property Connections chatWatcher: Connections {
        target: driver.stateName === "conversation" ? ChatController : null
        function onReplyPiece(piece) {
            // Enough of the reply to show it growing, while the stop button is still up.
            if (++driver.pieces === 25)
                driver.ready()
        }
    }

    function apply() {
        switch (stateName) {
        case "first-run":
            readyTimer.start()
            break
        case "conversation":
            openByTitle(demoTitle)
            pendingText = "Thanks! How would I sort slowest first?"
            sendTimer.start()
            break
        case "search":
            // The sidebar searches what is typed after a short pause.
            searchField.text = "snails"
            searchOpenTimer.start()
            break
        case "settings":
            openByTitle(demoTitle)
            settingsDialog.open()
            readyTimer.start()
            break
        case "math":
            // The worked solution with formulas inline and on their own lines.
            openByTitle("The five-snail race")
            readyTimer.start()
            break
        case "export":
            openByTitle(demoTitle)
            exportDialog.openFor(ChatController.currentConversationId)
            readyTimer.start()
            break
        default:
            console.error("veloce_screenshot: unknown state " + stateName)
            Qt.exit(1)
        }
    }
}
