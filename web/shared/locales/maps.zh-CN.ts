/**
 * 地图 in Chinese: the district map, a household's place, a visit's positions; zh-CN.ts takes them
 * in. maps.en-US.ts has the same keys (its type is `MapMessages`).
 */
const mapMessages = {
  maps: {
    label: '区划地图',
    loadFailed: '地图加载失败',
    synthetic: '示范区的区划边界为虚构，仅供演示。',
  },
  householdLocation: {
    title: '住户位置',
    none: '未定位',
    noneHint: '尚未标注位置：入户巡访时不计算签到距离。',
    coordinates: '纬度 {{latitude}}，经度 {{longitude}}',
    sources: { map: '地图标注', first_visit: '首次入户签到' },
    confirmed: '已确认',
    unconfirmed: '待确认',
    proposedHint: '该位置来自首次入户签到，确认后，之后的入户巡访按此计算签到距离。',
    place: '在地图上标注位置',
    change: '修改位置',
    placing: '请在地图上点击住户所在位置，然后保存。',
    picked: '新位置：纬度 {{latitude}}，经度 {{longitude}}',
    save: '保存位置',
    cancel: '取消',
    confirm: '确认位置',
    saved: '位置已保存',
    confirmedDone: '位置已确认',
    marker: '住户位置',
    markerProposed: '首次入户签到位置（待确认）',
    markerDraft: '新位置（未保存）',
  },
  visitMap: {
    title: '位置',
    household: '住户位置',
    householdProposed: '住户位置（首次入户签到，待确认）',
    checkIn: '签到 ±{{accuracy}} 米',
    checkOut: '签退 ±{{accuracy}} 米',
    distance: '签到点距住户位置 {{n}} 米',
    distanceUnmeasured: '记录时住户位置未确认，未计算距离',
    distanceNow: '按现在的住户位置约 {{n}} 米',
    noPositions: '本次巡访没有定位',
    noHousehold: '住户尚未定位',
    legendCheckIn: '签到点（圈为定位精度）',
    legendCheckOut: '签退点',
  },
};

export default mapMessages;
export type MapMessages = typeof mapMessages;
