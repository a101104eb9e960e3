// A number set with a slider (arrow keys move it), its value shown beside it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

SettingRow {
    id: setting
    property real value
    property real from: 0
    property real to: 1
    property real stepSize: 0.01
    property int decimals: 2
    property string offText: ""   // shown instead of the number at offValue (e.g. "off")
    property real offValue: NaN
    signal moved(real value)

    Slider {
        id: slider
        Layout.fillWidth: true
        from: setting.from
        to: setting.to
        stepSize: setting.stepSize
        value: setting.value
        snapMode: Slider.SnapAlways
        Accessible.name: setting.label
        onMoved: setting.moved(value)
    }
    Label {
        objectName: "sliderValue"
        Layout.preferredWidth: 56
        horizontalAlignment: Text.AlignRight
        // In the interface language's number format (1,50 in Italian), followed at a switch: a
        // binding on Qt.uiLanguage is made again then, one on Qt.locale() alone was not.
        text: setting.offText.length > 0 && Math.abs(setting.value - setting.offValue) < 1e-9
              ? setting.offText : setting.value.toLocaleString(Qt.locale(Qt.uiLanguage), "f", setting.decimals)
    }
}
