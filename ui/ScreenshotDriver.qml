// Puts the window into one named state without a mouse, for scripts/screenshots.sh
// (veloce --screenshot-state NAME), then prints "screenshot-ready" so the script knows when to
// capture. Does nothing when stateName is empty (normal use).
import QtQuick

QtObject {
    id: driver
    property string stateName: ""
    property var sidebar
    property var conversationView
    property var settingsDialog
    property var exportDialog
    // The demo conversation with code and Markdown (resources/demo/demo_conversations.py).
    readonly property string demoTitle: "Sorting a vector of structs in C++"
    property int pieces: 0

    function ready() { console.log("screenshot-ready " + stateName) }

    property Timer startTimer: Timer {
        interval: 800
        running: driver.stateName.length > 0
        onTriggered: driver.apply()
    }
    property Timer readyTimer: Timer {
        interval: 900
        onTriggered: driver.ready()
    }
    // Opens the last hit (a message inside a conversation) to show the jump to the match.
    property Timer searchOpenTimer: Timer {
        interval: 700
        onTriggered: {
            driver.sidebar.openSearchResult(chat.searchResults.count - 1)
            driver.readyTimer.start()
        }
    }
    property Connections chatWatcher: Connections {
        target: driver.stateName === "conversation" ? chat : null
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
            sidebar.openByTitle(demoTitle)
            conversationView.sendWhenReady(qsTr("Thanks! How would I sort slowest first?"))
            break
        case "search":
            sidebar.setSearchText("snails")
            searchOpenTimer.start()
            break
        case "settings":
            sidebar.openByTitle(demoTitle)
            settingsDialog.open()
            readyTimer.start()
            break
        case "export":
            sidebar.openByTitle(demoTitle)
            exportDialog.openFor(chat.currentConversationId)
            readyTimer.start()
            break
        }
    }
}
