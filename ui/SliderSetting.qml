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
        Layout.preferredWidth: 56
        horizontalAlignment: Text.AlignRight
        text: setting.offText.length > 0 && Math.abs(setting.value - setting.offValue) < 1e-9
              ? setting.offText : setting.value.toLocaleString(Qt.locale(), "f", setting.decimals)
    }
}
