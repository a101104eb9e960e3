// One labelled setting: a name on the left, the control on the right, an optional hint below.
// A note (what the setting's current value means now) takes the hint's place while it shows: in
// the same room, so a note appearing does not push what follows down the page.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ColumnLayout {
    id: row
    property string label
    property string hint
    property string note
    property string noteObjectName
    default property alias control: holder.data
    Layout.fillWidth: true
    spacing: 2

    RowLayout {
        Layout.fillWidth: true
        spacing: 12
        Label {
            Layout.preferredWidth: 200
            text: row.label
            wrapMode: Text.Wrap
        }
        RowLayout {
            id: holder
            Layout.fillWidth: true
        }
    }
    Label {
        Layout.fillWidth: true
        Layout.leftMargin: 212
        visible: row.hint.length > 0 && row.note.length === 0
        text: row.hint
        wrapMode: Text.Wrap
        opacity: 0.65
        font.pointSize: window.font.pointSize * 0.85
    }
    Label {
        objectName: row.noteObjectName
        Layout.fillWidth: true
        Layout.leftMargin: 212
        visible: row.note.length > 0
        text: row.note
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        font.pointSize: window.font.pointSize * 0.85
    }
}
