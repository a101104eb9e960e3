// A modal dialog that dims the window behind it. Material's own backdrop is a light grey in the
// dark theme, which lightened the window under every dialog; a darkening one reads as "behind".
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

Dialog {
    modal: true
    Overlay.modal: Rectangle {
        // The light theme keeps Material's dim (dark grey); the dark theme gets black at 60 %.
        color: window.darkTheme ? "#99000000" : Material.backgroundDimColor
        Behavior on opacity {
            NumberAnimation { duration: 150 }
        }
    }
}
