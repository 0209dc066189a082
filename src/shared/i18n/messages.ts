/**
 * The message catalog. Chinese (zh-CN) is the source of truth; English and Uyghur follow the same keys.
 * A key missing in `en` or `ug` falls back to Chinese. `{name}` placeholders are filled from params.
 */
export const zhCN = {
  "error.validation": "请求参数不正确",
  "error.unauthenticated": "请先登录",
  "error.forbidden": "无权执行此操作",
  "error.notFound": "请求的资源不存在",
  "error.routeNotFound": "接口不存在：{method} {url}",
  "error.conflict": "操作冲突，请刷新后重试",
  "error.invalidState": "当前状态不允许此操作",
  "error.rateLimited": "请求过于频繁，请稍后再试",
  "error.payloadTooLarge": "请求内容过大，上限为 {limit} 字节",
  "error.unsupportedMediaType": "不支持的内容类型：{contentType}",
  "error.badJson": "请求体不是合法的 JSON",
  "error.internal": "系统内部错误，请稍后再试或联系运维人员（请求编号 {requestId}）",
  "error.unavailable": "服务暂不可用，请稍后再试",
  "calendar.invalidDate": "日期格式不正确，应为有效的 YYYY-MM-DD 日期",
  "calendar.invalidWorkdays": "工作日数必须是 0 到 1000 之间的整数",
  "calendar.rangeReversed": "结束日期不能早于开始日期",
  "calendar.rangeTooLong": "查询区间不能超过 1100 天",
  "calendar.invalidRegion": "行政区划代码格式不正确，应为 2、4、6、9 或 12 位数字",
  "calendar.yearNotCovered":
    "{year} 年的法定节假日和调休安排尚未发布到系统中（已覆盖 {covered}），无法计算工作日。请管理员录入国务院办公厅通知后再试",
  "calendar.overrideYearNotCovered": "{year} 年不在节假日数据覆盖范围内，请先登记该年度的放假安排",
  "health.ok": "运行正常",
  "jobs.unknown": "未登记的任务：{name}",
  "jobs.badCron": "定时表达式不正确：{cron}",
  "regions.invalidCode": "行政区划代码格式不正确，应为 2、4、6、9 或 12 位数字",
  "regions.emptyQuery": "请输入要搜索的区划名称",
  "regions.notFound": "行政区划 {code} 不存在",
  "agencies.invalidId": "机构编号应为数字",
  "agencies.notFound": "机构 {id} 不存在",
  "agencies.creditCodeLength": "统一社会信用代码应为 18 位",
  "agencies.creditCodeCharacter":
    "统一社会信用代码含有不允许的字符（只能是数字和大写字母，不含 I、O、S、V、Z）",
  "agencies.creditCodeCheck": "统一社会信用代码校验位不正确，请核对后重新输入",
  "agencies.creditCodeTaken": "统一社会信用代码 {creditCode} 已被其他机构使用",
  "agencies.nameTaken": "同一区划内已有名为“{name}”的机构",
  "agencies.unknownLine": "未知的条线：{line}",
  "identity.invalidPhone": "手机号码应为 1 开头的 11 位数字",
  "identity.invalidUserId": "用户编号格式不正确",
  "identity.idNumberFormat": "公民身份号码应为 18 位（前 17 位为数字，最后一位为数字或 X）",
  "identity.idNumberBirthDate": "公民身份号码中的出生日期不正确",
  "identity.idNumberCheck": "公民身份号码校验位不正确，请核对后重新输入",
  "identity.passwordLength": "密码长度应为 10 到 128 位",
  "identity.passwordClasses": "密码至少包含大写字母、小写字母、数字、符号中的三类",
  "identity.passwordContainsIdentifier": "密码不能包含证件号码或用户名",
  "identity.alreadyRegistered": "该证件已注册，请直接登录",
  "identity.invalidLoginName": "用户名须以小写字母开头，3–64 位小写字母、数字或 . _ -",
  "identity.loginNameTaken": "用户名 {loginName} 已被使用",
  "identity.badCredentials": "账号或密码不正确",
  "identity.tooManyAttempts": "登录失败次数过多，请 {minutes} 分钟后再试",
  "identity.userNotFound": "用户不存在",
  "identity.csrf": "页面已过期或请求来源不可信，请刷新页面后重试",
  "catalog.rule.promisedExceedsLegal":
    "承诺办结时限（{promised} 个工作日）不得超过法定办结时限（{legal} 个工作日）",
  "catalog.rule.tooManySteps":
    "办理流程有 {count} 个环节，最多 {max} 个（受理、审核、办结；多部门联合审批最多 5 个）",
  "catalog.rule.catchAllMaterial": "申请材料“{name}”是兜底性表述，须逐项列明（条例第十二条）",
  "catalog.rule.licenseTypeMissing": "申请材料“{name}”来源为电子证照，须指明证照类型",
  "catalog.rule.materialCount": "纸质材料“{name}”须写明原件或复印件份数",
  "catalog.rule.duplicateKey": "标识 {key} 重复",
  "catalog.rule.instantNotSameDay": "即办件的承诺办结时限应为 0 个工作日（当场办结）",
  "catalog.rule.commitmentNeedsDays": "承诺件的承诺办结时限应至少 1 个工作日",
  "catalog.rule.freeWithFees": "标注为不收费的事项不应列出收费项目",
  "catalog.rule.feesMissing": "收费事项须列明收费项目、标准和依据",
  "catalog.rule.onlineWithoutChannel": "全程网办事项须提供电脑端或移动端办理渠道",
  "catalog.rule.onlineNegativeReason": "未实现全程网办的事项须写明列入负面清单的理由",
  "catalog.rule.hallNegativeReason": "不进驻大厅的事项须写明列入负面清单的理由",
  "catalog.rule.nameNotInBasic": "事项名称“{name}”不在基本目录“{basic}”及其子项内（办法第十二条）",
  "catalog.rule.typeNotBasic": "事项类型与基本目录不一致",
  "catalog.rule.legalLimitNotBasic": "法定办结时限应与基本目录一致（{legal} 个工作日）",
  "catalog.rule.objectsNotBasic": "服务对象超出了基本目录的范围",
  "catalog.rule.basisNotBasic": "设定依据《{law}》不在基本目录的设定依据中",
  "catalog.rule.levelNotBasic": "实施层级不在基本目录规定的行使层级内",
  "catalog.rule.specMaterialDropped": "实施规范规定的申请材料“{name}”不得删减（办法第二十条）",
  "catalog.rule.specMaterialLoosened": "实施规范规定的必要材料“{name}”不得改为非必要",
  "catalog.rule.specResultChanged": "办理结果名称应与实施规范一致：{result}",
  "catalog.rule.setAtRegion": "“{name}”已在自治区层级设立，下级不得重复设立（办法第七条）",
  "catalog.rule.powerListMissing": "行政权力事项“{name}”在实施机构的权责清单中找不到对应条目",
  "catalog.rule.powerListMismatch": "与权责清单不一致：{field}（目录：{catalog}；权责清单：{powerList}）",
  "catalog.contentInvalid": "事项内容不完整或格式不正确",
  "catalog.rulesFailed": "事项未通过规则校验，共 {count} 处问题",
  "catalog.entryNotFound": "事项不存在",
  "catalog.versionNotFound": "版本不存在",
  "catalog.guideNotFound": "办事指南 {code} 不存在或尚未发布",
  "catalog.invalidGuideCode": "编码格式不正确：应为 31 位实施编码或 33 位业务办理项编码",
  "catalog.basicNotFound": "基本目录事项 {code} 不存在或尚未发布",
  "catalog.notDraft": "只有草稿可以修改；已发布的版本不可更改，请新建版本",
  "catalog.openVersionExists": "该事项已有未完成的草稿或在审版本（第 {versionNo} 版）",
  "catalog.entryExists": "编码 {code} 的事项已存在，请在其上新建版本",
  "catalog.agencyRequired": "请指定实施机构或起草部门",
  "catalog.regionLevel": "基本目录只能在自治区、地州市或县级设立",
  "catalog.crNotFound": "变更申请不存在",
  "catalog.crNotSubmitted": "变更申请当前状态为 {status}，不能进行此操作",
  "catalog.crNotRejected": "只有被退回的变更申请可以重新提交",
  "catalog.signoffKind": "只有司法行政、机构编制或政务服务管理机构的审核人员可以签署",
  "catalog.alreadySigned": "本轮已签署过 {kind} 意见",
  "catalog.signoffMissing": "尚缺少以下审核意见：{missing}",
  "catalog.signoffRejected": "{kind} 审核意见为不同意，不能批准",
  "catalog.onlyServiceAdmin": "只有政务服务管理机构的审核人员可以作出决定或延长审核期限",
  "catalog.alreadyExtended": "审核期限只能延长一次",
  "catalog.rejectNeedsComment": "退回时须写明理由",
  "catalog.versionRequired": "新增、调整或拆分须附上待发布的草稿版本",
  "catalog.entryNotActive": "只有已发布的事项可以取消",
  "catalog.versionMismatch": "草稿版本不属于该事项",
  "catalog.diffDifferentEntries": "只能比较同一事项的两个版本",
  "catalog.excel.unreadable": "无法读取该文件，请上传 .xlsx 格式的工作簿",
  "catalog.excel.noSheet": "工作簿中没有“{sheet}”工作表",
  "catalog.excel.missingColumns": "工作表缺少以下列：{columns}",
  "catalog.excel.badRows": "有 {count} 行存在问题，整个工作簿均未导入",
  "cases.notFound": "办件不存在",
  "cases.applicantRequired": "窗口收件须指定申请人",
  "cases.invalidApplication": "申请内容有 {count} 处问题，请修改后再提交",
  "cases.badCursor": "翻页参数不正确",
  "cases.cannotWithdraw": "已作出决定的办件不能撤回",
  "cases.concurrentChange": "该办件刚被他人处理，请刷新后再操作",
  "cases.wrongState": "办件当前状态为“{status}”，不能{action}",
  "cases.competentAgencyRequired": "不属于本机关职权范围的，须告知申请人向哪个机关申请",
  "cases.missingRequired": "请列明需一次性补齐的材料",
  "cases.reasonRequired": "请写明理由",
  "cases.notTolerable": "材料“{name}”不在容缺受理范围内",
  "cases.notUpperAgency": "只能转报同一条线的上级机关",
  "cases.noPostCheck": "该办件没有待完成的告知承诺核查",
  "cases.nothingToPay": "该办件没有待缴的费用",
  "cases.unpaid": "费用尚未缴纳，不能送达结果",
  "reviews.onlyApplicant": "只有申请人本人可以评价或申诉，工作人员不能代为评价或修改评价",
  "reviews.notConcluded": "办件办结后才能评价",
  "reviews.badIndicators": "评价指标不正确，应为：{indicators}，每项 1–5 分",
  "reviews.alreadyRated": "该办件已评价过，评价不可修改",
  "reviews.notRated": "该办件尚未评价",
  "reviews.taskNotFound": "整改任务不存在",
  "reviews.wrongState": "整改任务当前状态不允许此操作",
  "complaints.tooMany": "匿名投诉过于频繁，请稍后再试或登录后投诉",
  "complaints.notFound": "投诉不存在",
  "complaints.wrongState": "投诉当前状态不允许此操作",
  "complaints.agencyRequired": "请指定承办机构",
  // credentials (e-seals, signed documents, e-licenses)
  "credentials.sealNotFound": "电子印章不存在",
  "credentials.documentNotFound": "文书不存在或尚未签章",
  "credentials.licenseNotFound": "电子证照不存在",
  "credentials.badIdentifier": "电子证照标识格式或校验位不正确",
  "credentials.licenseTypeNotFound": "电子证照类型 {key} 不存在",
  "credentials.alreadyRevoked": "该电子证照已注销",
  "credentials.reasonRequired": "请填写理由",
  "credentials.objectionNotFound": "异议不存在",
  "credentials.objectionClosed": "该异议已处理",
  "credentials.objectionOpen": "该证照已有未处理的异议",
  // bundles (一件事) and parent cases
  "cases.waitingForPredecessor": "本事项须在“{items}”准予后才能分派办理",
  "cases.groupNotFound": "一件事申请不存在",
  "cases.groupNotReady": "一件事中仍有事项在办理，办结后统一出件",
  "bundles.notFound": "一件事套餐不存在或未在本地区施行",
  "bundles.regionRequired": "请指定地区",
  "bundles.rule.itemNotPublished": "关联事项“{name}”（{code}）未发布或已废止",
  "bundles.rule.itemNotInRegion": "关联事项“{name}”不在本地区（{region}）实施",
  "bundles.rule.powerMissing": "“{name}”的实施机构不在权责清单中持有该事项（办法 18）",
  "bundles.rule.powerOverlap": "“{name}”在本地区由多个机构持有或被重复关联（办法 18）",
  "bundles.rule.coDepartment": "“{name}”的实施机构既不是牵头部门也不在协同部门中",
  "bundles.rule.order": "办理顺序不正确：{key}（{kind}）",
  "bundles.rule.itemLimit": "“{name}”的时限 {days} 个工作日超过其办事指南的承诺时限 {promised} 个工作日",
  "bundles.rule.target": "压缩后的总时限 {target} 个工作日不应超过各事项时限之和 {sum} 个工作日",
  "bundles.rule.notice": "上线日期应在通知政务服务大厅后至少 10 个工作日（不早于 {earliest}，办法 21）",
  "bundles.rule.dataPush": "数据推送节点引用了不存在的事项：{key}",
  // --- halls, search, assist (issue 11) ---
  "halls.hallNotFound": "服务大厅不存在",
  "halls.windowNotFound": "窗口不存在",
  "halls.ticketNotFound": "排队号不存在",
  "halls.badPeriods": "办公时段不正确：应为 HH:MM，结束晚于开始，时段不重叠且按先后排列",
  "halls.unknownGuide": "事项 {code} 不存在或未发布",
  "halls.windowNumberTaken": "窗口号 {number} 已被使用",
  "halls.delegationNotDown": "委托受理只能由上级实施机构委托给其辖区内的乡镇便民服务中心或村便民服务站",
  "halls.noAppointments": "该大厅暂未开放预约，可直接到现场取号办理",
  "halls.itemNotServed": "该大厅没有窗口办理此事项（{code}）",
  "halls.applicantsOnly": "预约由申请人本人办理",
  "halls.noSuchSlot": "没有这个可预约时段（已过时、非工作日或不在办公时间内）",
  "halls.slotFull": "该时段已约满，请选择其他时段，或直接到现场取号",
  "halls.alreadyBooked": "您已预约了该时段",
  "halls.appointmentNotFound": "预约不存在",
  "halls.cannotCancel": "预约已开始、已取消或已签到，不能取消",
  "halls.appointmentNotToday": "该预约不是本大厅今天的有效预约",
  "halls.windowClosed": "窗口已暂停服务",
  "halls.ticketNotCalled": "该号尚未叫到或已办结",
  "search.emptyQuery": "请输入要查找的事项名称或想办的事",
  "search.badRegion": "行政区划代码格式不正确，应为 2、4、6、9 或 12 位数字",
  "search.itemNotFound": "事项 {code} 不存在",
  "search.becauseSynonym": "“{phrase}”通常需要办理“{item}”",
  "search.becauseWords": "与“{words}”相关的事项：{item}",
  "search.nothingFound": "没有找到与“{need}”相关的事项，请换个说法或咨询 12345",
  "search.navigationSummary": "办理“{need}”，建议依次查看：{items}",
  "assist.applicantsOnly": "预填与预审面向申请人本人",
  "assist.formField": "表单填写有误",
  "assist.materialMissing": "缺少必需材料“{name}”",
  "assist.materialUnknown": "办事指南中没有材料 {key}",
  "assist.sharedDataUnknown": "共享数据中没有“{name}”所需的信息，请上传材料",
  "assist.licenseUnknown": "“{name}”引用的电子证照不存在或不属于您",
  "assist.licenseUnverified": "“{name}”引用的电子证照尚未核验",
  "assist.licenseWrongType": "“{name}”引用的电子证照类型不符",
  "assist.licenseExpired": "“{name}”引用的电子证照已于 {date} 过期",
  "assist.licenseExpiresSoon": "“{name}”引用的电子证照将于 {date} 到期，请留意",
  "assist.licenseAvailable": "“{name}”可直接引用电子证照，无需上传",
  "assist.fileType": "“{name}”的文件格式不受支持，请上传 PDF、JPG 或 PNG",
  "assist.fileEmpty": "“{name}”的文件为空",
  "assist.fileTooLarge": "“{name}”的文件超过 {limit}",
  "assist.badDate": "“{name}”的日期格式不正确，应为 YYYY-MM-DD",
  "assist.issuedInFuture": "“{name}”的签发日期 {date} 晚于今天",
  "assist.materialExpired": "“{name}”已于 {date} 过期",
  "assist.preReviewFailed": "预审发现 {count} 处问题，请按提示修改后再提交",
  "assist.badRule": "秒批规则不正确：只能使用身份信息、共享数据和电子证照中的核验数据",
  "assist.notMachineDecidable": "该事项的必需材料并非全部来自电子证照或共享数据，不能实行秒批",
  "assist.noRules": "该事项未设置秒批规则",
  "assist.notInstant": "该办件不是有效的秒批决定",
  // --- end halls, search, assist ---
  // notifications (monitoring)
  "notifications.notFound": "通知不存在",
  "notifications.case.yellow": "办件 {subject} 已用去承诺时限的 80%（黄牌预警），请及时办理",
  "notifications.case.red": "办件 {subject} 已超过承诺办结时限（红牌预警），请立即办理",
  "notifications.change_request.due": "事项变更申请 {subject} 的审核即将到期",
  "notifications.change_request.overdue": "事项变更申请 {subject} 已超过审核期限",
  "notifications.rectification.opened": "收到差评整改任务：{subject}，请核实、整改、回访并报告",
  "notifications.rectification.overdue": "差评整改任务 {subject} 已逾期，已提请督办",
  "notifications.complaint.dispatched": "收到交办的投诉 {subject}，请在期限内答复",
  "notifications.complaint.reopened": "投诉 {subject} 经投诉人反馈未解决，已重新交办",
  "notifications.complaint.overdue": "投诉 {subject} 已超过办理期限，请尽快答复",
  "monitoring.noLowerRegion": "村（社区）级以下没有下级区划，不能按地区排名",
  "reviews.visitNotFound": "窗口服务记录不存在",
  // harness (reliability): text the database cannot store, found by the fuzzer
  "harness.badCharacter": "含有不允许的字符（空字符或不成对的代理项）",
  // workbench (staff apps)
  "identity.lookupOneKey": "请填写身份证号或统一社会信用代码中的一项",
  // --- window (issue 9: 当场注册, inbox)
  "identity.windowRegistered": "该证件已注册，请按证件号查找申请人",
  "identity.claimPhoneMismatch": "该账号已在政务服务窗口开立，请使用窗口登记的手机号码注册认领",
  // --- end window
  // admin: role grants, agency editing, appointment reminders
  "identity.selfGrant": "不能给自己授予或撤销角色",
  "identity.grantBeyondReach": "超出您的管理范围：只能在本人所辖区划（{region}）内授权",
  "identity.grantOutsideAgency": "授权范围 {region} 不在该机构所在区划内",
  "identity.grantExists": "该用户已在此机构拥有“{role}”角色",
  "agencies.badParent": "上级机构不正确：应为同级或上级区划的现有机构，且不能形成循环",
  "halls.reminderText":
    "预约提醒：您已预约 {date} {start} 在{hall}办理“{item}”，请按时到场；如不能前往请提前取消。",
  // portal: 一件事 applications from the applicant's side
  "cases.groupCannotWithdraw": "该一件事申请中已没有可撤回的事项（各事项均已作出决定或已撤回）",
  // leftovers: 委托受理 removal, 预约时段调整, catalog owed working days
  "halls.delegationNotFound": "委托受理记录不存在",
  "halls.delegationAlreadyRemoved": "该委托受理已撤销，无需重复撤销",
  "halls.delegationHasBookings":
    "该事项在本中心还有 {booked} 个未到期的预约，且没有其他窗口办理此事项；请先通知预约人取消后再撤销委托",
  "halls.slotNotFound": "没有这个预约时段（非工作日、不在办公时间内或时间不对）",
  "halls.slotPast": "该时段已开始或已过去，不能调整",
  "halls.slotBooked": "该时段已有 {booked} 人预约，不能关闭；请先联系预约人取消",
  "halls.slotAlreadyClosed": "该时段已关闭",
  "halls.slotBookedTimeChange": "该时段已有 {booked} 人预约，不能调整时间；可以增加容量，或先联系预约人取消",
  "halls.capacityBelowBookings":
    "容量不能低于已预约人数：事项 {code} 在该时段已有 {booked} 人预约，调整后只能容纳 {capacity} 人",
  "halls.slotOverlap": "调整后的时间与当天其他预约时段重叠",
  "halls.slotPatchEmpty": "请填写要调整的容量或时间",
} as const;

export type MessageKey = keyof typeof zhCN;
export type Catalog = Partial<Record<MessageKey, string>>;

export const en: Catalog = {
  "error.validation": "Invalid request parameters",
  "error.unauthenticated": "Please log in first",
  "error.forbidden": "You are not allowed to do this",
  "error.notFound": "The requested resource does not exist",
  "error.routeNotFound": "No such endpoint: {method} {url}",
  "error.conflict": "Conflicting operation, please refresh and retry",
  "error.invalidState": "This operation is not allowed in the current state",
  "error.rateLimited": "Too many requests, please try again later",
  "error.payloadTooLarge": "Request body too large; the limit is {limit} bytes",
  "error.unsupportedMediaType": "Unsupported content type: {contentType}",
  "error.badJson": "The request body is not valid JSON",
  "error.internal": "Internal error; please retry later or contact operations (request id {requestId})",
  "error.unavailable": "Service temporarily unavailable",
  "calendar.invalidDate": "Invalid date, expected a valid YYYY-MM-DD",
  "calendar.invalidWorkdays": "Working days must be an integer between 0 and 1000",
  "calendar.rangeReversed": "The end date must not be before the start date",
  "calendar.rangeTooLong": "The range must not exceed 1100 days",
  "calendar.invalidRegion": "Invalid division code: 2, 4, 6, 9 or 12 digits expected",
  "calendar.yearNotCovered":
    "The public holidays of {year} are not in the system yet (covered: {covered}); an administrator must enter the State Council notice first",
  "calendar.overrideYearNotCovered":
    "{year} is not covered by holiday data; register that year's schedule first",
  "health.ok": "OK",
  "regions.invalidCode": "Invalid division code: 2, 4, 6, 9 or 12 digits expected",
  "regions.emptyQuery": "Enter a division name to search for",
  "regions.notFound": "Division {code} does not exist",
  "agencies.notFound": "Agency {id} does not exist",
  "agencies.creditCodeLength": "A unified social credit code has 18 characters",
  "agencies.creditCodeCharacter": "The credit code contains characters that are not allowed",
  "agencies.creditCodeCheck": "The credit code's check character is wrong",
  "identity.idNumberCheck": "The ID number's check character is wrong",
  "identity.passwordLength": "Passwords have 10 to 128 characters",
  "identity.passwordClasses": "Use at least three of: upper case, lower case, digits, symbols",
  "identity.badCredentials": "Wrong account or password",
  "identity.tooManyAttempts": "Too many failed logins; try again in {minutes} minutes",
  "identity.userNotFound": "No such user",
  "identity.csrf": "The page has expired or the request's origin is not trusted; reload and retry",
  // credentials (e-seals, signed documents, e-licenses)
  "credentials.sealNotFound": "No such e-seal",
  "credentials.documentNotFound": "No such document, or it is not signed yet",
  "credentials.licenseNotFound": "No such e-license",
  "credentials.badIdentifier": "The e-license identifier is malformed or its check character is wrong",
  "credentials.licenseTypeNotFound": "No e-license type {key}",
  "credentials.alreadyRevoked": "This e-license is already revoked",
  "credentials.reasonRequired": "A reason is required",
  "credentials.objectionNotFound": "No such objection",
  "credentials.objectionClosed": "This objection is already resolved",
  "credentials.objectionOpen": "This license already has an open objection",
  // bundles (一件事) and parent cases
  "cases.waitingForPredecessor": "This item can be dispatched only after “{items}” is approved",
  "cases.groupNotFound": "No such bundle application",
  "cases.groupNotReady": "Some items of the bundle are still being handled; results are delivered together",
  "bundles.notFound": "No such bundle in force in this region",
  "bundles.regionRequired": "Give a region",
  "bundles.rule.itemNotPublished": "Linked item “{name}” ({code}) is not published or was abolished",
  "bundles.rule.itemNotInRegion": "Linked item “{name}” is not implemented in this region ({region})",
  "bundles.rule.powerMissing":
    "The implementing agency of “{name}” does not hold the power in its power list",
  "bundles.rule.powerOverlap": "“{name}” is held by several agencies in the region or linked twice",
  "bundles.rule.coDepartment": "The agency of “{name}” is neither the lead nor a co-department",
  "bundles.rule.order": "Invalid order rule: {key} ({kind})",
  "bundles.rule.itemLimit": "“{name}”: {days} working days exceed its guide's promised {promised}",
  "bundles.rule.target":
    "The compressed target of {target} working days exceeds the sum of the items' limits, {sum}",
  "bundles.rule.notice":
    "Go-live must be at least 10 working days after the hall was notified (not before {earliest})",
  "bundles.rule.dataPush": "A data push point refers to no item: {key}",
  // --- halls, search, assist (issue 11) ---
  "halls.hallNotFound": "No such service hall",
  "halls.slotFull": "This time slot is fully booked; choose another or take a ticket at the hall",
  "halls.noSuchSlot": "No such bookable time slot",
  "halls.cannotCancel": "This appointment can no longer be cancelled",
  "search.emptyQuery": "Enter the service or what you want to do",
  "assist.materialMissing": "Required material missing: {name}",
  "assist.preReviewFailed": "Pre-review found {count} problem(s); please fix them and submit again",
  "assist.licenseExpired": "The e-license cited for {name} expired on {date}",
  // --- end halls, search, assist ---
  // notifications (monitoring)
  "notifications.notFound": "No such notification",
  "notifications.case.yellow": "Case {subject} has used 80% of its promised time (yellow warning)",
  "notifications.case.red": "Case {subject} is past its promised due date (red warning)",
  "notifications.change_request.due": "The review of change request {subject} falls due",
  "notifications.change_request.overdue": "The review of change request {subject} is overdue",
  "notifications.rectification.opened": "New bad-review rectification task: {subject}",
  "notifications.rectification.overdue": "Rectification task {subject} is overdue and escalated",
  "notifications.complaint.dispatched": "Complaint {subject} was dispatched to your agency",
  "notifications.complaint.reopened": "Complaint {subject} was reopened by the complainant",
  "notifications.complaint.overdue": "Complaint {subject} is past its handling deadline",
  "monitoring.noLowerRegion": "A village has no lower regions to rank",
  "reviews.visitNotFound": "No such window visit",
  // harness (reliability)
  "harness.badCharacter": "Contains a character that is not allowed (NUL or an unpaired surrogate)",
  // workbench (staff apps)
  "identity.lookupOneKey": "Give either an ID number or a credit code",
  // --- catalog rules in the browser (catalog management screens) ---
  "catalog.rule.promisedExceedsLegal":
    "The promised limit ({promised} working days) must not exceed the legal limit ({legal} working days)",
  "catalog.rule.tooManySteps":
    "The process has {count} steps; at most {max} (accept, review, conclude; up to 5 for joint approval)",
  "catalog.rule.catchAllMaterial":
    "The material “{name}” is a catch-all; list every material (Regulation art. 12)",
  "catalog.rule.licenseTypeMissing": "The material “{name}” comes from an e-license: name the license type",
  "catalog.rule.materialCount": "The paper material “{name}” needs the number of originals or copies",
  "catalog.rule.duplicateKey": "The key {key} is used twice",
  "catalog.rule.instantNotSameDay":
    "An instant case's promised limit must be 0 working days (concluded on the spot)",
  "catalog.rule.commitmentNeedsDays": "A commitment case's promised limit must be at least 1 working day",
  "catalog.rule.freeWithFees": "An item marked free of charge must list no fees",
  "catalog.rule.feesMissing": "A charged item must list its fees, rates and basis",
  "catalog.rule.onlineWithoutChannel": "A fully online item needs a computer or mobile channel",
  "catalog.rule.onlineNegativeReason": "An item not fully online needs the reason for the negative list",
  "catalog.rule.hallNegativeReason": "An item not in the hall needs the reason for the negative list",
  "catalog.rule.nameNotInBasic":
    "The name “{name}” is not the basic catalog item “{basic}” or one of its sub-items (Measures art. 12)",
  "catalog.rule.typeNotBasic": "The item type differs from the basic catalog",
  "catalog.rule.legalLimitNotBasic": "The legal limit must equal the basic catalog's ({legal} working days)",
  "catalog.rule.objectsNotBasic": "The service objects go beyond the basic catalog's",
  "catalog.rule.basisNotBasic": "The basis “{law}” is not among the basic catalog's",
  "catalog.rule.levelNotBasic": "The exercise level is not one the basic catalog allows",
  "catalog.rule.specMaterialDropped":
    "The specification's material “{name}” may not be dropped (Measures art. 20)",
  "catalog.rule.specMaterialLoosened":
    "The specification's required material “{name}” may not become optional",
  "catalog.rule.specResultChanged": "The result name must be the specification's: {result}",
  "catalog.rule.setAtRegion":
    "“{name}” is already set at the autonomous-region level; a lower level may not set it again (Measures art. 7)",
  "catalog.rule.powerListMissing":
    "The power item “{name}” has no entry in the implementing agency's power list",
  "catalog.rule.powerListMismatch":
    "Differs from the power list: {field} (catalog: {catalog}; power list: {powerList})",
  // --- end catalog rules ---
  // --- window (issue 9: 当场注册, inbox)
  "identity.windowRegistered": "This ID is already registered; look the applicant up instead",
  "identity.claimPhoneMismatch":
    "This account was opened at a service window; register with the phone number given there",
  // --- end window
  // admin: role grants, agency editing, appointment reminders
  "identity.selfGrant": "You cannot grant or revoke your own roles",
  "identity.grantBeyondReach": "Beyond your reach: grants only within the region you administer ({region})",
  "identity.grantOutsideAgency": "The scope {region} is outside the agency's region",
  "identity.grantExists": "The user already holds the role {role} at this agency",
  "agencies.badParent":
    "Wrong parent agency: an existing agency of the same or an enclosing region, without cycles",
  "halls.reminderText":
    "Reminder: your appointment on {date} at {start} at {hall} for {item}; cancel beforehand if you cannot come.",
  // portal: bundle applications from the applicant's side
  "cases.groupCannotWithdraw":
    "Nothing left to withdraw in this bundle application (every item is decided or withdrawn)",
  // leftovers: delegation removal, slot changes
  "halls.delegationNotFound": "No such delegated acceptance",
  "halls.delegationAlreadyRemoved": "This delegated acceptance has already been removed",
  "halls.delegationHasBookings":
    "{booked} upcoming appointments for this item here and no window serves it otherwise; ask the applicants to cancel first",
  "halls.slotNotFound": "No such appointment slot (not a working day, outside opening hours or wrong time)",
  "halls.slotPast": "This slot has begun or is past and cannot be changed",
  "halls.slotBooked": "{booked} applicants have booked this slot; it cannot be closed until they cancel",
  "halls.slotAlreadyClosed": "This slot is already closed",
  "halls.slotBookedTimeChange":
    "{booked} applicants have booked this slot; its time cannot change (capacity may grow)",
  "halls.capacityBelowBookings":
    "Capacity cannot go below the bookings: item {code} has {booked} booked in this slot, the new capacity is {capacity}",
  "halls.slotOverlap": "The new time overlaps another slot of the day",
  "halls.slotPatchEmpty": "Give the capacity or the time to change",
};

export const ug: Catalog = {
  "error.validation": "ئىلتىماس پارامېتىرى توغرا ئەمەس",
  "error.unauthenticated": "ئاۋۋال كىرىڭ",
  "error.forbidden": "بۇ مەشغۇلاتنى قىلىش ھوقۇقىڭىز يوق",
  "error.notFound": "تەلەپ قىلىنغان مەنبە مەۋجۇت ئەمەس",
  "error.internal": "سىستېما ئىچكى خاتالىقى (ئىلتىماس نومۇرى {requestId})",
  "health.ok": "نورمال",
  // credentials (e-seals, signed documents, e-licenses)
  "credentials.licenseNotFound": "ئېلېكترونلۇق گۇۋاھنامە مەۋجۇت ئەمەس",
  "credentials.badIdentifier": "ئېلېكترونلۇق گۇۋاھنامە بەلگىسى توغرا ئەمەس",
  "credentials.documentNotFound": "ھۆججەت مەۋجۇت ئەمەس",
  "credentials.reasonRequired": "سەۋەبىنى يېزىڭ",
  // bundles (一件事) and parent cases
  "cases.groupNotFound": "بىر ئىش ئىلتىماسى مەۋجۇت ئەمەس",
  "bundles.notFound": "بۇ رايوندا بۇ بىر ئىش بولىقى يوق",
  "bundles.regionRequired": "رايوننى كۆرسىتىڭ",
  // --- halls, search, assist (issue 11) ---
  "halls.hallNotFound": "مۇلازىمەت زالى مەۋجۇت ئەمەس",
  "halls.slotFull": "بۇ ۋاقىت بۆلىكى تولدى، باشقا ۋاقىتنى تاللاڭ",
  "search.emptyQuery": "ئىش نامىنى كىرگۈزۈڭ",
  "assist.materialMissing": "زۆرۈر ماتېرىيال كەم: {name}",
  // --- end halls, search, assist ---
  // notifications (monitoring)
  "notifications.notFound": "ئۇقتۇرۇش مەۋجۇت ئەمەس",
  "reviews.visitNotFound": "كۆزنەك مۇلازىمەت خاتىرىسى مەۋجۇت ئەمەس",
  "monitoring.noLowerRegion": "كەنت (مەھەللە) دىن تۆۋەن رايون يوق، رايون بويىچە رەت تىزغىلى بولمايدۇ",
  // harness (reliability)
  "harness.badCharacter": "رۇخسەت قىلىنمىغان ھەرپ بار (NUL ياكى جۈپلەنمىگەن ھەرپ)",
  // workbench (staff apps)
  "identity.lookupOneKey": "كىملىك نومۇرى ياكى ئىناۋەت كودىدىن بىرىنى يېزىڭ",
  // --- catalog rules in the browser (catalog management screens) ---
  "catalog.rule.promisedExceedsLegal":
    "ۋەدە قىلىنغان مۆھلەت ({promised} خىزمەت كۈنى) قانۇنىي مۆھلەتتىن ({legal} خىزمەت كۈنى) ئېشىپ كەتمەسلىكى كېرەك",
  "catalog.rule.tooManySteps": "جەريان {count} باسقۇچلۇق، كۆپ بولسا {max} باسقۇچ",
  "catalog.rule.catchAllMaterial":
    "«{name}» ئومۇمىي ئىپادە، ماتېرىياللارنى بىر-بىرلەپ كۆرسىتىڭ (نىزامنىڭ 12-ماددىسى)",
  "catalog.rule.licenseTypeMissing": "«{name}» ئېلېكترونلۇق گۇۋاھنامىدىن كېلىدۇ، گۇۋاھنامە تىپىنى كۆرسىتىڭ",
  "catalog.rule.materialCount": "قەغەز ماتېرىيال «{name}» نىڭ ئەسلى ياكى كۆپەيتىلمە سانىنى يېزىڭ",
  "catalog.rule.duplicateKey": "{key} بەلگىسى تەكرارلانغان",
  "catalog.rule.instantNotSameDay": "دەرھال بېجىرىلىدىغان ئىشنىڭ مۆھلىتى 0 خىزمەت كۈنى بولۇشى كېرەك",
  "catalog.rule.commitmentNeedsDays": "ۋەدە قىلىنغان ئىشنىڭ مۆھلىتى كەمىدە 1 خىزمەت كۈنى بولۇشى كېرەك",
  "catalog.rule.freeWithFees": "ھەقسىز تۈردە ھەق تۈرى بولماسلىقى كېرەك",
  "catalog.rule.feesMissing": "ھەق ئالىدىغان تۈر ھەق تۈرى، ئۆلچىمى ۋە ئاساسىنى كۆرسىتىشى كېرەك",
  "catalog.rule.onlineWithoutChannel":
    "تولۇق توردا بېجىرىلىدىغان تۈرنىڭ كومپيۇتېر ياكى يانفون يولى بولۇشى كېرەك",
  "catalog.rule.onlineNegativeReason": "تولۇق توردا بولمىغان تۈرنىڭ سەۋەبىنى يېزىڭ",
  "catalog.rule.hallNegativeReason": "زالغا كىرمىگەن تۈرنىڭ سەۋەبىنى يېزىڭ",
  "catalog.rule.nameNotInBasic": "«{name}» ئاساسىي تىزىملىكتىكى «{basic}» ياكى ئۇنىڭ تارماق تۈرلىرىدە يوق",
  "catalog.rule.typeNotBasic": "تۈر تىپى ئاساسىي تىزىملىك بىلەن ماس ئەمەس",
  "catalog.rule.legalLimitNotBasic":
    "قانۇنىي مۆھلەت ئاساسىي تىزىملىك بىلەن ئوخشاش بولۇشى كېرەك ({legal} خىزمەت كۈنى)",
  "catalog.rule.objectsNotBasic": "مۇلازىمەت ئوبيېكتى ئاساسىي تىزىملىك دائىرىسىدىن ئېشىپ كەتتى",
  "catalog.rule.basisNotBasic": "«{law}» ئاساسىي تىزىملىكنىڭ ئاساسلىرى ئىچىدە يوق",
  "catalog.rule.levelNotBasic": "ئىجرا قاتلىمى ئاساسىي تىزىملىك رۇخسەت قىلغان قاتلامدا ئەمەس",
  "catalog.rule.specMaterialDropped": "ئۆلچەمدىكى «{name}» ماتېرىيالىنى ئۆچۈرۈشكە بولمايدۇ",
  "catalog.rule.specMaterialLoosened": "ئۆلچەمدىكى زۆرۈر ماتېرىيال «{name}» نى زۆرۈر ئەمەس قىلىشقا بولمايدۇ",
  "catalog.rule.specResultChanged": "نەتىجە نامى ئۆلچەم بىلەن ئوخشاش بولۇشى كېرەك: {result}",
  "catalog.rule.setAtRegion": "«{name}» ئاپتونوم رايون قاتلىمىدا بېكىتىلگەن، تۆۋەن قاتلام قايتا بېكىتەلمەيدۇ",
  "catalog.rule.powerListMissing": "ھوقۇق تۈرى «{name}» ئىجرا ئورگىنىنىڭ ھوقۇق-مەسئۇلىيەت تىزىملىكىدە يوق",
  "catalog.rule.powerListMismatch":
    "ھوقۇق-مەسئۇلىيەت تىزىملىكى بىلەن ماس ئەمەس: {field} (تىزىملىك: {catalog}؛ ھوقۇق تىزىملىكى: {powerList})",
  // --- end catalog rules ---
  // --- window (issue 9: 当场注册, inbox)
  "identity.windowRegistered": "بۇ كىملىك ئاللىقاچان تىزىملانغان؛ ئىزدەپ تېپىپ ئىش بېجىرىڭ",
  "identity.claimPhoneMismatch":
    "بۇ كىملىك كۆزنەكتە تىزىملانغان؛ كۆزنەكتە قالدۇرغان تېلېفون نومۇرى بىلەن تىزىملىتىڭ",
  // --- end window
  // admin: role grants, agency editing, appointment reminders
  "identity.selfGrant": "ئۆزىڭىزگە رول بېرىش ياكى بىكار قىلىشقا بولمايدۇ",
  "identity.grantBeyondReach":
    "باشقۇرۇش دائىرىڭىزدىن ھالقىدى: پەقەت ئۆز رايونىڭىز ({region}) ئىچىدە ھوقۇق بېرەلەيسىز",
  "identity.grantOutsideAgency": "{region} دائىرىسى ئورگاننىڭ رايونى ئىچىدە ئەمەس",
  "identity.grantExists": "بۇ ئىشلەتكۈچىدە بۇ ئورگاندا «{role}» رولى بار",
  "agencies.badParent": "يۇقىرى ئورگان توغرا ئەمەس",
  "halls.reminderText": "ئەسكەرتىش: {date} {start} دە {hall} دا «{item}» نى بېجىرىشكە ۋاقىت بەلگىلىگەنسىز.",
  // portal: bundle applications from the applicant's side
  "cases.groupCannotWithdraw": "بۇ بىر ئىش ئىلتىماسىدا قايتۇرۇۋالغىلى بولىدىغان تۈر قالمىدى",
  // leftovers: delegation removal, slot changes
  "halls.delegationNotFound": "ۋاكالەتەن قوبۇل قىلىش خاتىرىسى مەۋجۇت ئەمەس",
  "halls.delegationAlreadyRemoved": "بۇ ۋاكالەتەن قوبۇل قىلىش ئاللىقاچان بىكار قىلىنغان",
  "halls.slotNotFound": "بۇنداق ۋاقىت بۆلىكى يوق",
  "halls.slotBooked": "بۇ ۋاقىت بۆلىكىگە {booked} كىشى ۋاقىت بەلگىلىگەن، تاقاشقا بولمايدۇ",
  "halls.slotAlreadyClosed": "بۇ ۋاقىت بۆلىكى ئاللىقاچان تاقالغان",
  "halls.capacityBelowBookings": "سىغىمى ۋاقىت بەلگىلىگەنلەر سانىدىن ({booked}) ئاز بولسا بولمايدۇ",
};

export const LOCALES = ["zh-CN", "en", "ug"] as const;
export type Locale = (typeof LOCALES)[number];

const catalogs: Record<Locale, Catalog> = { "zh-CN": zhCN, en, ug };

/** Picks the best supported locale from an Accept-Language header; Chinese by default. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (acceptLanguage === undefined) return "zh-CN";
  const wanted = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
    if (tag.startsWith("ug")) return "ug";
  }
  return "zh-CN";
}

export type MessageParams = Record<string, string | number>;

/** Renders a catalog message in a locale, falling back to Chinese. */
export function translate(key: MessageKey, locale: Locale = "zh-CN", params: MessageParams = {}): string {
  const template = catalogs[locale][key] ?? zhCN[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
