// The keyboard focus ring: one outline that follows the window's active focus item, so every Tab
// stop of the app (buttons, fields, the composer, list rows, settings switches and combos, dialog
// buttons) shows where the keys go, in the same colour and shape, without each control drawing
// its own. It is reparented into the focused item (so it scrolls, clips and hides with it) and
// shown only for focus that came from the keyboard: a mouse click or the app moving the focus
// (the composer at start) shows none, as in the platform's own controls.
import QtQuick
import QtQuick.Controls

Rectangle {
    id: ring
    objectName: "focusRing"
    required property Item focusItem
    property color ringColor: "#1565c0"

    // The editable spin box or combo box whose text field has the focus, if any.
    readonly property Item owner: {
        const parentItem = focusItem ? focusItem.parent : null
        return parentItem && (parentItem instanceof SpinBox || parentItem instanceof ComboBox)
            && parentItem.contentItem === focusItem ? parentItem : null
    }
    // A list view takes the focus for its rows: the ring goes around the current row; a spin
    // box's text goes with its arrows: the ring goes around the whole control.
    readonly property Item target: {
        if (focusItem === null)
            return null
        if (owner)
            return owner
        if (focusItem instanceof ListView && focusItem.currentItem)
            return focusItem.currentItem
        return focusItem
    }
    function keyboardReason(reason) {
        return reason === Qt.TabFocusReason || reason === Qt.BacktabFocusReason || reason === Qt.ShortcutFocusReason
    }
    // Controls and text fields know why they got the focus; other items (list views, a spin
    // box's text) can only be reached with Tab or the arrow keys, or get it with their control.
    readonly property bool fromKeyboard: {
        if (focusItem === null || !focusItem.activeFocus)
            return false
        if (owner)
            return keyboardReason(owner.focusReason) || focusItem.focusReason === undefined
                || keyboardReason(focusItem.focusReason)
        if (focusItem.focusReason !== undefined)
            return keyboardReason(focusItem.focusReason)
        // A plain text (a reply's paragraph) tells no reason either, and Tab never stops there:
        // it got the focus from a click into it, even when the list around it had a keyboard
        // ring (so before the fall-back rule, which would take the list's reason).
        if ((focusItem instanceof TextEdit || focusItem instanceof TextInput) && !focusItem.activeFocusOnTab)
            return false
        // The focus fell back to the enclosing item (the message list) because the focused control
        // inside it went away or was disabled (Regenerate, Continue while the reply is written):
        // it came from wherever the control's focus came from, a click draws no ring.
        if (fellBack)
            return fellBackFromKeyboard
        return true
    }
    // The focus item before this one, and whether its focus came from the keyboard.
    property Item previousFocusItem: null
    property bool previousFromKeyboard: false
    property bool fellBack: false
    property bool fellBackFromKeyboard: false
    function contains(ancestor, item) {
        for (let it = item; it; it = it.parent)
            if (it === ancestor)
                return true
        return false
    }
    onFocusItemChanged: {
        // A destroyed item reads as null: its row was removed (the reply being regenerated). From
        // the list the focus goes on into its current row, which came the same way.
        fellBack = focusItem !== null && previousFocusItem !== focusItem
                && (previousFocusItem === null || contains(focusItem, previousFocusItem)
                    || contains(previousFocusItem, focusItem))
        fellBackFromKeyboard = previousFromKeyboard
        previousFocusItem = focusItem
        previousFromKeyboard = fromKeyboard
    }

    // Around the visible body of a control whose background is inset from its bounds (a Material
    // button), 2 px out from it; else on the item's own bounds, drawn inside them: an outside
    // ring would be cut away by a list that clips its children, by the scrolling page a control
    // sits at the edge of, or painted over by the next row of a list.
    readonly property Item body: target && target.background && target.background.visible
                                 && target.background.height >= target.height / 2 ? target.background : target
    readonly property real outset: body !== target && body.y >= 2 ? 2 : 0

    // Tab to a control scrolled out of sight (lower on a settings page) brings it into view, so
    // the ring is seen; list views scroll to their current row themselves.
    function reveal() {
        if (!visible)
            return
        for (let view = target.parent; view; view = view.parent) {
            if (!(view instanceof Flickable))
                continue
            if (view instanceof ListView)
                return
            // Each scrolling ancestor in turn, inner first (a text box on a scrolling page).
            const r = target.mapToItem(view.contentItem, 0, 0, target.width, target.height)
            if (r.height > view.height)
                continue
            if (r.y < view.contentY)
                view.contentY = Math.max(0, r.y - 8)
            else if (r.y + r.height > view.contentY + view.height)
                view.contentY = Math.max(0, Math.min(view.contentHeight - view.height, r.y + r.height - view.height + 8))
        }
    }
    onTargetChanged: reveal()
    onVisibleChanged: reveal()

    parent: target
    visible: target !== null && fromKeyboard && target.visible
    x: body === target ? -outset : body.x - outset
    y: body === target ? -outset : body.y - outset
    width: body ? body.width + 2 * outset : 0
    height: body ? body.height + 2 * outset : 0
    z: 1000
    radius: 4
    color: "transparent"
    border.width: 2
    border.color: ringColor
    Accessible.ignored: true
}
