"""Sentences the corpus generators recombine: written for textmend's benchmarks.

Every sentence here is our own text, clean as written.  The generators in
:mod:`benchmarks.corpora` draw from these pools (and from ``fixtures/clean/``)
with a seeded random generator, so every corpus is the same on every machine.
"""

from __future__ import annotations

__all__ = ["EN_ASCII", "EN_TYPOGRAPHIC", "JA", "OTHER_SCRIPTS", "ZH_HANS", "ZH_HANT"]

#: English as plain ASCII, the way most scraped web text arrives.
EN_ASCII: tuple[str, ...] = (
    "The river rose two feet overnight, and by morning the lower road was closed.",
    "Most of the volunteers arrived before eight, carrying shovels and sandbags.",
    "The council met on Tuesday to discuss the budget for the new library.",
    "A spokesperson said the delay was caused by a shortage of steel beams.",
    "Prices for fresh vegetables fell by 3.5% in March, the second drop this year.",
    "She kept a notebook of every bird she saw, with the date and the weather.",
    "If the bridge is not repaired by June, the bus route will change again.",
    "The museum will stay open late on Fridays through the end of August.",
    "Engineers tested the pump for six hours before they declared it safe.",
    "Nobody expected the old bakery to reopen, but the line was out the door.",
    "Tickets cost $12 for adults and $6 for children under twelve.",
    "The report runs to 214 pages and includes 38 tables of survey results.",
    "He asked whether the train stopped at Milton, and the conductor nodded.",
    "Rain is forecast for the weekend, so the market will move indoors.",
    "The software update fixes a crash when printing documents with long tables.",
    "Read the full notice at https://www.example.org/notices/2024/road-closure.html today.",
    "Questions can be sent to info@example.net before Friday at noon.",
    "The team won 3-1 after scoring twice in the last ten minutes.",
    "Our survey asked 1,200 residents how often they used public transport.",
    "The recipe calls for two cups of flour, one egg and a pinch of salt.",
    "After the storm, crews worked through the night to restore power.",
    "The path along the coast is about 14 km long and mostly flat.",
    "Students presented their projects (robots, gardens and a short film) on Monday.",
    "Is the exhibition free? Yes, but you need to book a time slot online.",
    "The committee will publish its findings in the spring; until then, no comment.",
    "Version 2.4 of the app adds a dark mode and better search.",
    "Three of the five candidates have experience running a small business.",
    "The harbor was quiet except for a fishing boat heading out past the lighthouse.",
)

#: English as published: curly quotes, dashes and a few accented words.
EN_TYPOGRAPHIC: tuple[str, ...] = (
    "“We’ll rebuild the pier by summer,” the mayor said — though few believed her.",
    "The café on Quay Street serves crème brûlée and a very good piña colada.",
    "It’s the third time this year that the ferry’s timetable has changed.",
    "Her résumé listed two years in Zürich and a summer in São Paulo.",
    "The word “naïve” keeps its diaeresis in the house style; “cooperate” does not.",
    "Temperatures reached 38 °C on Sunday — the hottest day since 2019.",
    "“Don’t forget the umbrellas,” he called after them, too late.",
    "The exhibition runs 4–28 June at the Musée d’Orsay’s smaller gallery.",
    "A jalapeño, a lime and some fresh coriander: that’s the whole secret.",
    "Björk’s concert sold out in eleven minutes; the second date in nine.",
    "The fiancée chose a small ceremony… and then invited the whole village.",
    "Interest rose to 4.25 % — a level not seen since the late 2000s.",
    "“Is this seat taken?” — “No, please, go ahead.”",
    "The Señor’s restaurant has kept the same menu since 1987.",
    "‘Good enough’ isn’t good enough, the coach told the players at half-time.",
    "The façade was restored with stone from the original quarry.",
    "Entry costs €8, or €5 with a student card; children go free.",
    "The report’s authors — all volunteers — spent a year collecting the data.",
    "She ordered a croissant and a café au lait, then opened the newspaper.",
    "Ångström units are still used in crystallography, if rarely elsewhere.",
)

#: Simplified Chinese prose.
ZH_HANS: tuple[str, ...] = (
    "清晨的菜市场里人声鼎沸，摊主们忙着把新鲜的蔬菜摆上货架。",
    "今年夏天雨水偏多，河道管理处提前加固了沿岸的堤坝。",
    "图书馆新开设了一间自习室，可以同时容纳八十名读者。",
    "他每天骑自行车上班，单程大约需要二十五分钟。",
    "据统计，全市今年上半年新增就业岗位4.6万个，同比增长3.2%。",
    "会议强调，要把保障和改善民生作为工作的出发点和落脚点。",
    "这家小面馆开了三十多年，老板说最重要的是汤要熬够时间。",
    "孩子们在操场上放风筝，风筝越飞越高，最后变成了一个小点。",
    "专家提醒，天气转凉以后，老年人要注意保暖，适当增加户外活动。",
    "新建的地铁线路全长21.5公里，共设车站16座，预计明年年底通车。",
    "她把旧报纸整理成册，按年份排好，放在书架的最上层。",
    "“你今天怎么来得这么早？”“路上不堵车，就早到了。”",
    "村里修通了水泥路，农产品运出去方便多了，价格也卖得更好。",
    "这部纪录片用了四年时间拍摄，记录了一条河流从源头到入海口的变化。",
    "学校组织学生参观科技馆，大家对机器人展区最感兴趣。",
    "为方便群众办事，政务服务中心推出了“一次办好”改革，多数事项可以当场办结。",
    "《三国演义》是他最喜欢的小说，书页已经被翻得发黄。",
    "有关详情请登录 https://www.example.cn/notice 查询，或拨打热线12345咨询。",
    "秋收时节，金黄的稻田一眼望不到边，收割机在田间来回穿梭。",
    "这款手机支持5G网络，电池容量为4500毫安时。",
    "研究人员发现，每天步行六千步以上的人，睡眠质量普遍更好。",
    "博物馆的志愿者大多是退休教师，他们讲解得耐心又细致。",
    "由于台风影响，明天上午的航班可能延误，请旅客留意机场通知。",
    "小区门口新开了一家书店，周末常常举办读书分享会。",
    "工厂引进了新的生产线，产品合格率从92%提高到了98.5%。",
    "奶奶说，做饺子的诀窍在于面要和得软，馅要拌得匀。",
    "这次比赛共有来自12个省份的300多名选手参加。",
    "湖边的柳树抽出了新芽，游人沿着步道慢慢走着，拍照留念。",
    "医生建议他少喝咖啡，多喝水，晚上十一点以前睡觉。",
    "通知要求，各单位要在10月15日前（含当日）报送年度工作总结。",
    "古镇保留了大量明清时期的建筑，青石板路两边是各式各样的老店铺。",
    "志愿者们把捐赠的图书分类整理，送到了山区的五所小学。",
    "这条街晚上很热闹，烧烤、凉粉和糖水铺子一家挨着一家。",
    "气象部门预计，本周后期气温将明显回升，最高可达30摄氏度。",
    "他在信中写道：“家里一切都好，勿念。”",
    "经过反复试验，团队终于解决了低温环境下电池续航变短的问题。",
)

#: Traditional Chinese prose (Taiwan and Hong Kong usage).
ZH_HANT: tuple[str, ...] = (
    "清晨的市場裡人聲鼎沸，攤販們忙著把新鮮的蔬菜擺上貨架。",
    "今年夏天雨量偏多，河川管理單位提前加固了沿岸的堤防。",
    "圖書館新設了一間自習室，可以同時容納八十位讀者。",
    "他每天騎腳踏車上班，單程大約需要二十五分鐘。",
    "根據統計，今年上半年新增就業機會四萬六千個，較去年同期成長3.2%。",
    "這家小麵店開了三十多年，老闆說最重要的是湯頭要熬夠時間。",
    "孩子們在操場上放風箏，風箏越飛越高，最後變成了一個小點。",
    "專家提醒，天氣轉涼以後，長輩要注意保暖，適度增加戶外活動。",
    "新建的捷運路線全長21.5公里，共設車站16座，預計明年年底通車。",
    "她把舊報紙整理成冊，依年份排好，放在書架的最上層。",
    "「你今天怎麼來得這麼早？」「路上不塞車，就早到了。」",
    "這部紀錄片花了四年拍攝，記錄了一條河流從源頭到出海口的變化。",
    "學校帶學生參觀科學館，大家對機器人展區最感興趣。",
    "《紅樓夢》是她最喜歡的小說，書頁已經被翻得發黃。",
    "秋收時節，金黃的稻田一望無際，收割機在田間來回穿梭。",
    "博物館的志工大多是退休教師，他們導覽得既耐心又細緻。",
    "受颱風影響，明天上午的航班可能延誤，請旅客留意機場公告。",
    "社區門口新開了一家書店，週末常常舉辦讀書分享會。",
    "奶奶說，包餃子的訣竅在於麵皮要揉得軟，餡料要拌得勻。",
    "老街保留了許多清代的建築，石板路兩旁是各式各樣的老店鋪。",
    "氣象局預估，本週後半氣溫將明顯回升，最高可達攝氏30度。",
    "他在信中寫道：「家裡一切都好，勿念。」",
)

#: Japanese prose: kanji, hiragana, katakana, fullwidth punctuation.
JA: tuple[str, ...] = (
    "朝の商店街は、開店の準備をする人たちでにぎわっていた。",
    "今年の夏は雨が多く、川の近くの道路が何度も通行止めになった。",
    "駅前に新しい図書館ができて、週末は家族連れでいっぱいだ。",
    "彼は毎朝自転車で会社に通っていて、片道およそ二十五分かかる。",
    "このラーメン屋は三十年以上続いていて、スープの味は昔と変わらない。",
    "子どもたちは公園で凧を揚げ、凧はどんどん高く上がっていった。",
    "「明日は何時に集合？」「九時に駅の改札前でお願いします。」",
    "新しいスマートフォンは、バッテリーが一日中もつのが特徴だ。",
    "祖母の作る味噌汁は、だしをしっかり取るのが秘訣だという。",
    "台風の影響で、明日午前の便は欠航になる可能性があります。",
    "博物館のボランティアガイドは、丁寧に展示を説明してくれた。",
    "会議の資料は、前日までに共有フォルダ（総務部）に置いてください。",
    "秋になると、山の木々が赤や黄色に色づき、観光客が増える。",
    "コーヒーを控えて、夜は十一時までに寝るよう医者に言われた。",
    "商品の価格は2,480円（税込）で、送料は無料です。",
    "研究チームは、低温でもバッテリーが長持ちする方法を見つけた。",
    "古い町並みには、江戸時代から続く店が今も残っている。",
    "週末は雨の予報なので、マルシェは屋内で開催されます。",
)

#: Short lines in other scripts, for the mixed corpus.
OTHER_SCRIPTS: tuple[str, ...] = (
    "서울의 봄은 짧지만, 벚꽃이 피는 주말에는 한강 공원이 사람들로 가득하다.",
    "도서관은 평일 오전 9시부터 오후 8시까지 문을 엽니다.",
    "Утром на рынке было много людей, и торговцы раскладывали свежие овощи.",
    "Библиотека открыта ежедневно с девяти утра до восьми вечера.",
    "Το πρωί η αγορά ήταν γεμάτη κόσμο και οι πωλητές τακτοποιούσαν τα λαχανικά.",
    "السوق مزدحم في الصباح، والباعة يرتبون الخضروات الطازجة.",
    "सुबह बाज़ार में बहुत भीड़ थी और दुकानदार ताज़ी सब्ज़ियाँ सजा रहे थे।",
    "ตลาดตอนเช้ามีผู้คนมากมาย พ่อค้าแม่ค้ากำลังจัดผักสด",
    "Buổi sáng chợ rất đông, người bán đang bày rau tươi lên sạp.",
    "Der Markt war am Morgen voller Menschen; die Händler legten frisches Gemüse aus.",
    "Le marché était bondé ce matin ; les marchands disposaient des légumes frais.",
    "Emoji in chat: 👍 🎉 ☕ 🌧️ 👩‍🍳 🇯🇵",
    "Maths: ∑ xᵢ² ≤ n·max(xᵢ)², for all n ≥ 1.",
)
