/** Chinese strings of the 数据交换 screen (the office's keys and the counsel keys paired with them). */
const exchange = {
  title: '数据交换',
  own: {
    title: '本机（机关端）交换密钥',
    none: '本机还没有交换密钥',
    noneHint: '由系统管理员生成密钥后，将公钥文件交给法律顾问，并电话核对指纹。',
    name: '名称',
    fingerprint: '指纹',
  },
  peers: {
    title: '已配对的法律顾问公钥',
    empty: '还没有配对任何法律顾问的公钥',
    counsel: '法律顾问',
    name: '公钥名称',
    fingerprint: '指纹',
    added: '添加',
    state: '状态',
    active: '有效',
    revoked: '已撤销（{{day}}）',
    by: '{{day}}，{{who}}',
  },
};

export default exchange;
