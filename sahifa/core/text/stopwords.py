"""Stop words per language, two sets.

For similar news (ENGLISH, RUSSIAN, UZBEK): words too common to say what a story is
about. English is scikit-learn's list (the Glasgow list), written out so that web
processes never load scikit-learn; Russian and Uzbek are ours. These are long: they drop
words such as "fire", "bill" or "заявил" that say little about a story's topic.

For search (SEARCH_*): function words only, since a reader who types "fire" or "bill"
means it. English and Russian are Snowball's lists (as PostgreSQL ships them); Uzbek is
the grammatical part of ours (conjunctions, postpositions, pronouns, particles, the
verb "to be"), without the news words.

Uzbek is in Latin script, folded with the same rules as the text before comparing."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


RUSSIAN = _words(
    """
    а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да
    даже для до его ее ей ему если есть еще же за здесь и из или им их к как какой когда кто
    ли либо мне может мы на над надо наш не него нее нет ни них но ну о об однако он она они
    оно от очень по под после при про с сам свой себя со так также такой там те тем то того
    тоже той только том ты у уже хотя чего чей чем что чтобы эта эти это этого этой этом этот
    я который которая которое которые которых котором которой которого будет будут был
    этих тех всё ещё между через того затем сейчас теперь году года лет раз два три также
    сообщает сообщил сообщила заявил заявила отметил отметила говорится новости риа
    """
)

UZBEK = _words(
    """
    va bilan uchun bu shu u ushbu o'sha ham esa deb edi ekan emas yoki lekin ammo biroq bir har
    hech qanday qaysi nima kim bo'yicha orqali haqida kabi ya'ni endi hali yana juda eng faqat
    ko'p hamda balki agar chunki men sen biz siz ular uning ularning bo'ldi bo'lgan bo'lib
    bo'ladi qildi qilgan qilish etdi etgan etildi dedi deya hozir bugun yil yilda yilning
    ma'lum mavjud boshqa barcha ba'zi ayni keyin oldin so'ng tomonidan xabar qilindi qayd
    """
)


ENGLISH = _words(
    """
    said says mr mrs ms
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst amoungst amount an and another any anyhow anyone
    anything anyway anywhere are around as at back be became because become becomes becoming
    been before beforehand behind being below beside besides between beyond bill both bottom
    but by call can cannot cant co con could couldnt cry de describe detail do done down due
    during each eg eight either eleven else elsewhere empty enough etc even ever every
    everyone everything everywhere except few fifteen fifty fill find fire first five for
    former formerly forty found four from front full further get give go had has hasnt have
    he hence her here hereafter hereby herein hereupon hers herself him himself his how
    however hundred i ie if in inc indeed interest into is it its itself keep last latter
    latterly least less ltd made many may me meanwhile might mill mine more moreover most
    mostly move much must my myself name namely neither never nevertheless next nine no
    nobody none noone nor not nothing now nowhere of off often on once one only onto or
    other others otherwise our ours ourselves out over own part per perhaps please put
    rather re same see seem seemed seeming seems serious several she should show side since
    sincere six sixty so some somehow someone something sometime sometimes somewhere still
    such system take ten than that the their them themselves then thence there thereafter
    thereby therefore therein thereupon these they thick thin third this those though three
    through throughout thru thus to together too top toward towards twelve twenty two un
    under until up upon us very via was we well were what whatever when whence whenever
    where whereafter whereas whereby wherein whereupon wherever whether which while whither
    who whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves
    """
)


SEARCH_ENGLISH = _words(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very can will just
    don should now
    """
)

SEARCH_RUSSIAN = _words(
    """
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
    ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни
    быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут
    где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под
    будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой
    тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть
    после над больше тот через эти нас про всего них какая много разве три эту моя
    впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда
    конечно всю между
    """
)

SEARCH_UZBEK = _words(
    """
    va bilan uchun bu shu u ushbu o'sha ham esa deb edi ekan emas yoki lekin ammo biroq bir
    har hech qanday qaysi nima kim bo'yicha orqali haqida kabi ya'ni endi hali yana juda eng
    faqat hamda balki agar chunki men sen biz siz ular uning ularning bo'ldi bo'lgan bo'lib
    bo'ladi barcha ba'zi ayni keyin oldin so'ng tomonidan
    """
)
