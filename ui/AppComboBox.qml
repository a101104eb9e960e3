// The app's combo box: its open list stays readable in both themes. Material writes the current
// entry in the accent colour and marks the highlighted one (the current one when the list opens)
// with a faint grey: teal on grey, 2.9:1 in the light theme and 4.1:1 in the dark one. Here the
// highlighted entry takes the colours of selected text (window.selectionColor, 5.3:1 and 11:1)
// and the current one is bold in the list's own text colour.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

ComboBox {
    id: box

    delegate: MenuItem {
        width: ListView.view.width
        text: box.textRole ? (Array.isArray(box.model) ? modelData[box.textRole] : model[box.textRole]) : modelData
        highlighted: box.highlightedIndex === index
        hoverEnabled: box.hoverEnabled
        font.bold: box.currentIndex === index
        Material.foreground: highlighted ? window.selectedTextColor : box.Material.foreground
        background: Rectangle {
            implicitWidth: 200
            implicitHeight: 48
            color: parent.highlighted ? window.selectionColor : "transparent"
        }
    }
}
