// The main window: sidebar on the left, the open conversation (or the model setup view) on the
// right, and the window-wide shortcuts. What it shows comes from the singletons of `import Veloce`.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Veloce

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    width: 1180
    height: 760
    minimumWidth: 720
    minimumHeight: 480
    visible: true
    title: ChatController.currentTitle.length > 0 ? qsTr("%1 — Veloce").arg(ChatController.currentTitle) : qsTr("Veloce")

    readonly property var appSettings: ChatController.settings
    readonly property bool darkTheme: Material.theme === Material.Dark
    // Links in replies: Material blue, light enough on the dark background (about 9:1) and dark
    // enough on the light one (about 5.6:1); Qt's default #0000ff is unreadable on dark.
    readonly property color linkColor: darkTheme ? "#90caf9" : "#1565c0"
    // Background of highlighted buttons, whose text Material always draws white: the dark
    // theme's light teal accent gives under 2:1 with it, teal 500 (light theme) 3.6:1; teal 700
    // gives 5.3:1 in both themes.
    readonly property color accentButtonColor: "#00796b"
    // Selected text in replies, code and the rename box. Material draws it white on the accent:
    // the dark theme's light teal gave 1.9:1 and the light theme's teal 500 3:1. Near-black on
    // that light teal reads at 11:1; white on teal 700 at 5.3:1.
    readonly property color selectionColor: darkTheme ? "#80cbc4" : "#00796b"
    readonly property color selectedTextColor: darkTheme ? "#000000" : "#ffffff"
    // The keyboard focus ring (FocusRing.qml): Material blue, unlike the teal accent and the grey
    // hover shades, so it stays distinct next to highlighted buttons and the selected row; at least
    // 3:1 against the window's backgrounds (light about 5.6:1, dark about 9:1).
    readonly property color focusRingColor: darkTheme ? "#90caf9" : "#1565c0"
    // The setup view replaces the conversation while no model is ready and nothing is open to read.
    readonly property bool showSetup: ModelController.state !== "ready" && ChatController.messages.count === 0

    Material.theme: appSettings.theme === "dark" ? Material.Dark
                  : appSettings.theme === "light" ? Material.Light : Material.System
    Material.accent: Material.Teal
    Material.primary: Material.BlueGrey
    font.pointSize: appSettings.fontSize
    // Every control's numbers in the interface language's locale (1,234 or 1.234), followed at a
    // switch: Qt.uiLanguage is the locale's name (TranslationLoader::apply).
    locale: Qt.locale(Qt.uiLanguage)
    // Sentence case reads better than Material's all-capital button labels, in every language.
    font.capitalization: Font.MixedCase

    function newConversation() {
        ChatController.newConversation()
        conversationView.focusComposer()
    }

    Shortcut {
        objectName: "shortcutNew"
        sequence: "Ctrl+N"
        enabled: ModelController.state === "ready"  // as the sidebar's button
        onActivated: window.newConversation()
    }
    Shortcut {
        objectName: "shortcutSearch"
        sequence: "Ctrl+F"
        onActivated: sidebar.focusSearch()
    }
    Shortcut {
        objectName: "shortcutExport"
        sequence: "Ctrl+E"
        onActivated: exportDialog.openFor(ChatController.currentConversationId)
    }
    Shortcut {
        objectName: "shortcutStop"
        sequence: "Esc"
        enabled: ChatController.busy
        onActivated: ChatController.stop()
    }
    Shortcut {
        objectName: "shortcutSettings"
        sequence: "Ctrl+,"
        onActivated: settingsDialog.openFrom(Qt.ShortcutFocusReason)
    }
    // Ctrl+Q as on every Linux desktop: the window closes as by its close button (a reply in
    // progress is stopped and stored first).
    Shortcut {
        objectName: "shortcutQuit"
        sequences: [StandardKey.Quit]
        onActivated: window.close()
    }
    // F2 and Delete act on the open conversation from anywhere in the window, except where a
    // text field needs the key, and except in the sidebar, whose rows handle them themselves
    // (for the highlighted row, which need not be the open one).
    readonly property bool textHasFocus: activeFocusItem !== null
                                         && (activeFocusItem instanceof TextInput || activeFocusItem instanceof TextEdit)
    readonly property bool conversationKeysEnabled: ChatController.currentConversationId > 0 && !textHasFocus
                                                    && !sidebar.activeFocus && !ChatController.busy
    Shortcut {
        objectName: "shortcutRename"
        sequence: "F2"
        enabled: window.conversationKeysEnabled
        onActivated: renameDialog.openFor(ChatController.currentConversationId, ChatController.currentTitle)
    }
    Shortcut {
        objectName: "shortcutDelete"
        sequences: [StandardKey.Delete]  // every key the platform binds to Delete (one warns on X11)
        enabled: window.conversationKeysEnabled
        onActivated: ConversationList.remove(ChatController.currentConversationId)
    }
    property bool sidebarShown: true
    Shortcut {
        objectName: "shortcutSidebar"
        sequence: "Ctrl+B"
        onActivated: window.sidebarShown = !window.sidebarShown
    }
    Shortcut {
        objectName: "shortcutUndoDelete"
        sequences: [StandardKey.Undo]
        enabled: ConversationList.canUndoDelete && !conversationView.composerHasFocus
        onActivated: ConversationList.undoDelete()
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            id: sidebar
            objectName: "sidebar"
            // Ctrl+B hides and shows it; the divider beside it drags its width (200 .. 480 px).
            property real chosenWidth: 300
            visible: window.sidebarShown
            Layout.fillHeight: true
            Layout.preferredWidth: chosenWidth
            onSettingsRequested: settingsDialog.open()
            onExportRequested: (conversationId) => exportDialog.openFor(conversationId)
            onImportRequested: importDialog.open()
            onRenameRequested: (conversationId, title) => renameDialog.openFor(conversationId, title)
            onNewConversationRequested: window.newConversation()
        }

        Rectangle {
            objectName: "sidebarDivider"
            visible: window.sidebarShown
            Layout.fillHeight: true
            implicitWidth: 1
            color: Material.dividerColor
            MouseArea {
                // Wider than the 1 px line, so it can be grabbed.
                anchors.fill: parent
                anchors.leftMargin: -4
                anchors.rightMargin: -4
                cursorShape: Qt.SplitHCursor
                property real pressX: 0
                property real pressWidth: 0
                onPressed: (mouse) => {
                    pressX = mapToItem(null, mouse.x, 0).x
                    pressWidth = sidebar.chosenWidth
                }
                onPositionChanged: (mouse) => {
                    const x = mapToItem(null, mouse.x, 0).x
                    sidebar.chosenWidth = Math.max(200, Math.min(480, pressWidth + x - pressX))
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            InfoBanner {
                id: errorBanner
                objectName: "errorBanner"
                Layout.fillWidth: true
                error: true
                onDismissed: message = ""
            }
            // Damage found by the background whole-file check after start-up: it stays until
            // the user dismisses it, whatever other errors come and go.
            InfoBanner {
                id: databaseBanner
                objectName: "databaseBanner"
                Layout.fillWidth: true
                error: true
                message: DatabaseHealth.databaseProblem
                onDismissed: message = ""
            }
            InfoBanner {
                id: noticeBanner
                Layout.fillWidth: true
                message: DatabaseHealth.startupNotice
                onDismissed: message = ""
            }
            // Part of the model did not fit on the GPU: said where the user waits for replies, not
            // only in Settings. Dismissed for this load; the next load that spills shows it again.
            InfoBanner {
                id: spillBanner
                objectName: "spillBanner"
                property bool dismissedForThisLoad: false
                Layout.fillWidth: true
                message: dismissedForThisLoad || ModelController.state !== "ready" ? "" : ModelController.spillWarning
                onDismissed: dismissedForThisLoad = true
                Connections {
                    target: ModelController
                    function onStateChanged() {
                        if (ModelController.state === "loading") spillBanner.dismissedForThisLoad = false
                    }
                }
            }

            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: window.showSetup ? 1 : 0

                ConversationView {
                    id: conversationView
                    objectName: "conversationView"
                    onLinkActivated: (link) => linkDialog.openFor(link)
                    onSettingsRequested: settingsDialog.open()
                }
                SetupView {
                    id: setupView
                    objectName: "setupView"
                    onSettingsRequested: settingsDialog.open()
                }
            }
        }
    }

    Connections {
        target: ChatController
        // Remembered for the next start (a new, still empty conversation is -1).
        function onCurrentConversationChanged() { appSettings.lastConversationId = ChatController.currentConversationId }
        function onErrorOccurred(message) { errorBanner.message = message }
    }
    Connections {
        target: ModelController
        function onStateChanged() {
            if (ModelController.state === "ready")
                conversationView.focusComposer()
        }
    }
    Connections {
        target: ExportController
        function onErrorOccurred(message) { errorBanner.message = message }
        function onImportFinished(ok, message) {
            if (ok)
                noticeBanner.message = message
            else
                errorBanner.message = message
        }
    }

    SettingsDialog {
        id: settingsDialog
    }
    ExportDialog {
        id: exportDialog
    }
    LinkDialog {
        id: linkDialog
        objectName: "linkDialog"
    }
    RenameDialog {
        id: renameDialog
    }
    ImportDialog {
        id: importDialog
    }
    FocusRing {
        focusItem: window.activeFocusItem
        ringColor: window.focusRingColor
    }

    Component.onCompleted: {
        // Reopen the conversation of last time, if it still exists (not deleted since).
        const last = appSettings.lastConversationId
        if (last > 0 && ConversationList.model.rowOf(last) >= 0)
            ChatController.openConversation(last)
        if (!window.showSetup)
            conversationView.focusComposer()
    }
}
