// A display formula ($$…$$ or \[…\] on its own): drawn by Veloce's math engine through
// image://math/ (app/desktop/math_image_provider.h) in the theme's text colour at the text's size
// and the screen's pixel ratio, centred with half a line above and below, and scrollable sideways
// when wider than the message.
// A formula the engine cannot draw shows its source in monospace, with the reason on hover.
// Right-click (or the menu key) offers "Copy LaTeX", which copies the formula as it was written.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Veloce

Item {
    id: block
    property string tex
    property string source  // the block as written, delimiters included
    property string error
    property string url  // image://math/… in the text's size and colour (StreamingRenderer)
    readonly property bool drawn: error.length === 0 && url.length > 0
    implicitHeight: drawn ? flick.height + 2 * flick.y : fallback.implicitHeight
    Accessible.role: Accessible.Equation
    Accessible.name: tex

    // A piece of PieceSelection's selection: the formula is one whole, copied as written.
    property bool selected: false
    function positionAtPoint(x, y) { return y < height / 2 ? 0 : 1 }
    function pieceLength() { return 1 }
    function selectRange(from, to) { selected = from !== to }
    function clearSelection() { selected = false }
    function textBetween(start, end) { return end > start ? source : "" }
    // Selected, the formula is drawn as selected text is: in the selection's text colour on the
    // selection's colour, behind the formula alone.
    Rectangle {
        objectName: "mathSelection"
        visible: block.selected
        color: window.selectionColor
        x: block.drawn ? formula.x - flick.contentX : 0
        y: block.drawn ? flick.y : 0
        width: block.drawn ? Math.min(formula.width, flick.width) : parent.width
        height: block.drawn ? formula.height : parent.height
    }

    Flickable {
        id: flick
        objectName: "mathFlick"
        visible: block.drawn
        y: Math.round(window.font.pixelSize > 0 ? window.font.pixelSize / 2 : 8)
        width: parent.width
        height: formula.height + (bar.visible ? bar.height : 0)
        contentWidth: Math.max(width, formula.width)
        contentHeight: formula.height
        clip: true
        interactive: formula.width > width
        boundsBehavior: Flickable.StopAtBounds
        flickableDirection: Flickable.HorizontalFlick
        ScrollBar.horizontal: ScrollBar {
            id: bar
            visible: flick.interactive
            policy: ScrollBar.AsNeeded
        }
        Image {
            id: formula
            objectName: "mathImage"
            readonly property real ratio: Screen.devicePixelRatio
            x: Math.max(0, (flick.width - width) / 2)
            source: !block.drawn ? "" : block.selected ? DesktopBridge.mathImageInColour(block.url, window.selectedTextColor)
                                                       : block.url
            width: implicitWidth / ratio
            height: implicitHeight / ratio
            smooth: true
            cache: true
        }
    }

    Label {
        id: fallback
        objectName: "mathSource"
        visible: !block.drawn
        width: parent.width
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        font.family: "monospace"
        text: block.source
        color: block.selected ? window.selectedTextColor : Material.foreground
        opacity: block.selected ? 1 : 0.85
        HoverHandler { id: hover }
        ToolTip.visible: hover.hovered && block.error.length > 0
        ToolTip.text: block.error
    }

    TapHandler {
        acceptedButtons: Qt.RightButton
        onTapped: menu.popup()
    }
    Keys.onMenuPressed: menu.popup()
    Menu {
        id: menu
        MenuItem {
            objectName: "copyLatex"
            text: qsTr("Copy LaTeX")
            onTriggered: DesktopBridge.copyText(block.source)
        }
    }
}
