// A selection across the pieces of one message (paragraphs, code blocks, formulas). Each piece is
// its own text item, so that a streaming reply redraws only its last piece, and Qt Quick selects
// within one item only. This layer lies over the pieces and watches the left button without taking
// it (a passive grab): the piece under the press keeps its own clicks, double clicks, links and
// drags inside it; once a drag (or a shift-click) reaches another piece, this selects from the press
// to the end of its piece, every piece between whole, and the last piece up to the pointer.
// Each piece offers positionAtPoint(x, y), pieceLength(), selectRange(from, to), clearSelection()
// and textBetween(start, end) (ProseBlock.qml, CodeBlock.qml, MathBlock.qml).
import QtQuick
import QtQuick.Controls

Item {
    id: selection
    // The Repeater whose Loaders hold the pieces, in reading order.
    required property Repeater repeater
    // The message: a focus moving out of it ends the selection.
    required property Item within

    // Where the selection started and where it ends now: {piece: index, pos: position in it}.
    property var anchor: null
    property var extent: null
    // True while the selection covers more than one piece (the pieces then keep their parts
    // selected when the focus moves among them, e.g. to the piece a right click opens the menu on).
    readonly property bool spans: anchor !== null && extent !== null && anchor.piece !== extent.piece
    // This gesture reached another piece: from then on this layer, not the pressed piece, decides
    // what the pressed piece shows selected (also when the pointer comes back into it).
    property bool crossed: false

    function piece(i) {
        const loader = repeater.itemAt(i)
        return loader ? loader.item : null
    }

    // The piece and position under a point in this item's coordinates. Above the first piece is
    // its start, below the last its end; a point in the gap between two pieces belongs to the next.
    function hit(x, y) {
        for (let i = 0; i < repeater.count; ++i) {
            const p = piece(i)
            if (!p)
                continue
            const local = mapToItem(p, x, y)
            if (local.y < p.height)
                return { piece: i, pos: local.y < 0 ? 0 : p.positionAtPoint(local.x, local.y) }
        }
        for (let j = repeater.count - 1; j >= 0; --j) {
            const last = piece(j)
            if (last)
                return { piece: j, pos: last.pieceLength() }
        }
        return null
    }

    // The piece and position under a press: only on a piece (a press on the message's name, its
    // buttons or between pieces starts no selection).
    function pieceUnder(x, y) {
        for (let i = 0; i < repeater.count; ++i) {
            const p = piece(i)
            if (!p)
                continue
            const local = mapToItem(p, x, y)
            if (p.contains(local))
                return { piece: i, pos: p.positionAtPoint(local.x, local.y) }
        }
        return null
    }

    function clear() {
        for (let i = 0; i < repeater.count; ++i) {
            const p = piece(i)
            if (p)
                p.clearSelection()
        }
        anchor = null
        extent = null
        crossed = false
    }

    // Shows the selection in every piece: the pressed piece keeps its press point as the
    // selection's anchor (so that a drag back into it continues from there).
    function apply() {
        if (anchor === null || extent === null || !crossed)
            return
        const down = anchor.piece < extent.piece || (anchor.piece === extent.piece && anchor.pos <= extent.pos)
        for (let i = 0; i < repeater.count; ++i) {
            const p = piece(i)
            if (!p)
                continue
            const first = Math.min(anchor.piece, extent.piece)
            const last = Math.max(anchor.piece, extent.piece)
            if (i === anchor.piece && i === extent.piece)
                p.selectRange(anchor.pos, extent.pos)
            else if (i === anchor.piece)
                p.selectRange(anchor.pos, down ? p.pieceLength() : 0)
            else if (i === extent.piece)
                p.selectRange(down ? 0 : p.pieceLength(), extent.pos)
            else if (i > first && i < last)
                p.selectRange(0, p.pieceLength())
            else
                p.clearSelection()
        }
    }

    // Every piece whole (the menu's Select all), so that Copy copies the whole message.
    function selectAll() {
        clear()
        let last = repeater.count - 1
        while (last >= 0 && !piece(last))
            --last
        if (last < 0)
            return
        anchor = { piece: 0, pos: 0 }
        extent = { piece: last, pos: piece(last).pieceLength() }
        crossed = true
        apply()
    }

    // The selected text as a reader sees it, the pieces' parts joined by blank lines; empty
    // unless the selection spans pieces (within one, the piece copies its own selection).
    function text() {
        if (!spans)
            return ""
        const from = anchor.piece < extent.piece ? anchor : extent
        const to = anchor.piece < extent.piece ? extent : anchor
        const parts = []
        for (let i = from.piece; i <= to.piece; ++i) {
            const p = piece(i)
            if (!p)
                continue
            const start = i === from.piece ? from.pos : 0
            const end = i === to.piece ? to.pos : p.pieceLength()
            const part = p.textBetween(start, end)
            if (part.length > 0)
                parts.push(part)
        }
        return parts.join("\n\n")
    }

    function pressed(x, y, modifiers) {
        const at = pieceUnder(x, y)
        if (at !== null && (modifiers & Qt.ShiftModifier) && anchor !== null) {
            extent = at
            crossed = crossed || at.piece !== anchor.piece
            Qt.callLater(apply)
            return
        }
        clear()
        anchor = at
        extent = at
    }

    function moved(x, y) {
        if (anchor === null)
            return
        extent = hit(x, y)
        if (extent !== null && extent.piece !== anchor.piece)
            crossed = true
        // After the pressed piece has handled the same move (it would select only within itself).
        Qt.callLater(apply)
    }

    PointHandler {
        id: pointer
        acceptedButtons: Qt.LeftButton
        onActiveChanged: {
            if (active)
                selection.pressed(point.position.x, point.position.y, point.modifiers)
            else
                Qt.callLater(selection.apply)
        }
        onPointChanged: {
            if (active && point.pressedButtons & Qt.LeftButton)
                selection.moved(point.position.x, point.position.y)
        }
    }

    // A click or the keyboard in another message, the composer or the sidebar ends the selection;
    // the window losing the focus (copying into another app) or a menu opening and closing (the
    // focus passes through the menu and the window's root item) does not.
    readonly property Item focusedItem: Window.activeFocusItem
    onFocusedItemChanged: {
        if (!spans || focusedItem === null || focusedItem === Window.contentItem)
            return
        for (let it = focusedItem; it !== null; it = it.parent) {
            if (it === within || it === Overlay.overlay)
                return
            if (it === Window.contentItem) {
                clear()
                return
            }
        }
    }
}
