"""Stop words per language: words too common to say what a story is about.

English reuses scikit-learn's list; Russian and Uzbek are ours (Uzbek in Latin script,
folded with the same rules as the text before comparing)."""

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS


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

ENGLISH = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "mr", "mrs", "ms"}
