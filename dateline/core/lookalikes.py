"""Whether two names look alike, as Unicode's confusable skeletons tell (UTS #39, "Unicode Security
Mechanisms", section 4), for the scripts readers' names are written in here.

A name's skeleton puts each letter's prototype in its place: Cyrillic "а" and Greek "α" become
Latin "a", a digit "0" becomes "O", "m" becomes "rn". Before that, NFKC makes full-width and
mathematical letters plain ("Ａｄｍｉｎ" is "Admin"); after it, case, spaces, invisible characters and
combining marks are left out of the comparison, none of which tells two names apart at a glance.
"""

from __future__ import annotations

import unicodedata

# Unicode's confusables.txt (UTS #39, version 13.0.0; © Unicode, Inc., Unicode License) for the
# letters and digits of the Latin, Greek and Cyrillic blocks that NFKD leaves as they are: source
# → prototype. The rest of the file is about scripts that names here are not mistaken for.
_TABLE = """
0→O 1→l I→l m→rn Æ→AE Ð→D̵ Ø→O̸ æ→ae ð→∂̵ ø→o̸ Đ→D̵ đ→d̵ Ħ→H̵ ħ→h̵ ı→i Ł→L̸ ł→l̸ Œ→OE œ→oe Ŧ→T̵
ŧ→t̵ ƀ→b̵ Ɓ→'B Ƃ→b̄ ƃ→b̄ Ƅ→b Ƈ→C' Ɖ→D̵ Ɗ→'D ƌ→d̄ ƍ→g Ƒ→F̦ ƒ→f̦ Ɠ→G' Ɩ→l Ɨ→l̵ Ƙ→K' ƙ→k̔ ƚ→l̵ Ɲ→N̦
ƞ→n̩ Ɵ→O̵ Ƥ→'P ƥ→p̔ Ʀ→R Ƨ→2 Ƭ→'T ƭ→t̔ Ʈ→T̨ Ƴ→'Y ƴ→y̔ Ƶ→Z̵ ƶ→z̵ Ʒ→3 ƻ→2̵ Ƽ→5 ƽ→s ƿ→þ ǀ→l ǁ→ll ǃ→!
Ǥ→G̵ ǥ→g̵ Ȝ→3 Ȣ→8 ȣ→8 Ȥ→Z̦ ȥ→z̦ ȼ→c̸ Ⱦ→T̸ Ɂ→? Ʉ→U̵ Ɇ→E̸ ɇ→e̸ Ɉ→J̵ ɉ→j̵ ɍ→r̵ Ɏ→Y̵ ɏ→y̵ ɑ→a ɓ→b̔
ɖ→d̨ ɗ→d̔ ə→ǝ ɚ→ǝ˞ ɛ→ꞓ ɠ→g̔ ɡ→g ɣ→y ɦ→h̔ ɨ→i̵ ɩ→i ɪ→i ɫ→l̴ ɭ→l̨ ɮ→lȝ ɯ→w ɱ→rn̦ ɳ→n̨ ɵ→o̵ ɶ→oᴇ
ɼ→r̩ ɽ→r̨ ʂ→s̨ ʋ→u ʏ→y ʐ→z̨ ʒ→ȝ ʔ→? ʠ→q̔ ʣ→dz ʤ→dȝ ʥ→dʑ ʦ→ts ʧ→tʃ ʨ→tɕ ʩ→fŋ ʪ→ls ʫ→lz Ͱ→Ⱶ Ͷ→И
ͷ→ᴎ ͻ→ɔ ͽ→ꜿ Ϳ→J Α→A Β→B Ε→E Ζ→Z Η→H Θ→O̵ Ι→l Κ→K Λ→Ʌ Μ→M Ν→N Ο→O Ρ→P Σ→Ʃ Τ→T Υ→Y Χ→X α→a β→ß γ→y
δ→ẟ ε→ꞓ η→n̩ θ→O̵ ι→i κ→ĸ ν→v ο→o ρ→p σ→o τ→ᴛ υ→u φ→ɸ ϛ→ς Ϝ→F Ϩ→2 ϩ→ƨ ϳ→j Ϸ→Þ ϸ→þ Ϻ→M Ͻ→Ɔ Ͽ→Ꜿ
Є→Ꞓ Ѕ→S І→l Ј→J А→A Б→b̄ В→B Г→Γ Е→E З→3 К→K Л→Ʌ М→M Н→H О→O П→Π Р→P С→C Т→T У→Y Ф→Φ Х→X Ы→bl
Ь→b Ю→lO а→a б→6 в→ʙ г→r е→e з→ɜ и→ᴎ к→ĸ м→ʍ н→ʜ о→o п→π р→p с→c т→ᴛ у→y ф→ɸ х→x ъ→ˉb ы→ƅi ь→ƅ
я→ᴙ є→ꞓ ѕ→s і→i ј→j ћ→h̵ ѡ→w Ѣ→b̵ ѣ→b̵ Ѱ→Ψ ѱ→ψ Ѳ→O̵ ѳ→o̵ Ѵ→V ѵ→v Ѽ→Ѡ҆҇ ѽ→w҆҇ Ҋ→Ѝ̦ ҋ→й̦ Ҍ→b̵ ҍ→b̵
Ґ→Γ' ґ→r' Ғ→Γ̵ ғ→r̵ Җ→Ж̩ җ→ж̩ Ҙ→3̦ ҙ→ɜ̦ Қ→K̩ қ→ĸ̩ Ҟ→K̵ ҟ→ĸ̵ Ң→H̩ ң→ʜ̩ Ҫ→C̦ ҫ→c̦ Ҭ→T̩ ҭ→ᴛ̩ Ү→Y
ү→y Ұ→Y̵ ұ→y̵ Ҳ→X̩ һ→h ҽ→e Ҿ→Ҽ̨ ҿ→ę Ӏ→l Ӆ→Ʌ̦ ӆ→л̦ Ӈ→H̦ ӈ→ʜ̦ Ӊ→H̦ ӊ→ʜ̦ Ӌ→Ҷ ӌ→ҷ Ӎ→M̦ ӎ→ʍ̦ ӏ→i
Ӕ→AE ӕ→ae Ә→Ə ә→ǝ Ӡ→3 ӡ→ȝ Ө→O̵ ө→o̵ ԁ→d Ԋ→Ƕ Ԍ→G ԍ→ɢ Ԑ→Ɛ ԑ→ꞓ ԛ→q Ԝ→W ԝ→w ᴄ→c ᴈ→ɜ ᴋ→ĸ ᴍ→ʍ ᴏ→o ᴐ→ɔ
ᴑ→o ᴔ→ǝo ᴜ→u ᴠ→v ᴡ→w ᴢ→z ᴤ→ƨ ᴦ→r ᴧ→ʌ ᴨ→π ᴩ→ᴘ ᴫ→л ᵫ→ue ᵮ→f̴ ᵯ→rn̴ ᵰ→n̴ ᵲ→r̴ ᵳ→ɾ̴ ᵴ→s̴ ᵵ→t̴ ᵶ→z̴
ᵻ→i̵ ᵼ→i̵ ᵽ→p̵ ᵾ→u̵ ᵿ→ʊ̵ ᶃ→g ᶌ→y ᶐ→ɋ ẝ→f ỿ→y Ⱨ→H̩ Ⱪ→K̩ Ꙅ→2 ꙅ→ƨ ꙇ→i ꙍ→ω Ꙑ→Ъl ꙑ→ˉbi Ꙩ→ʘ ꚕ→h̔ Ꚙ→OO
ꚙ→oo Ꚛ→𐊨 Ꜩ→T3 ꜩ→tȝ ꜱ→s Ꜳ→AA ꜳ→aa Ꜵ→AO ꜵ→ao Ꜷ→AU ꜷ→au Ꜹ→AV ꜹ→av Ꜻ→AV ꜻ→av Ꜽ→AY ꜽ→ay Ꝁ→K̵ Ꝋ→O̵
ꝋ→o̵ Ꝏ→OO ꝏ→oo Ꝛ→2 ꝡ→w̦ Ꝫ→3 ꝫ→ȝ Ꝯ→9 ꝷ→tf ꝸ→& ꝺ→Ꝺ ꞌ→' ꞏ→· ꞕ→ꜧ Ꞙ→F ꞙ→f Ꞛ→𐐒 ꞛ→𐐺 ꞝ→ʚ Ꞟ→ꓤ ꞟ→u Ɜ→3 Ʇ→ꓕ
Ʝ→J Ꭓ→X Ꞵ→B ꞵ→ß Ꞷ→Ꙍ ꞷ→ω ꟷ→ー ꬲ→e ꬵ→f ꬽ→o ꬾ→o̸ ꬿ→ɔ̸ ꭁ→ǝo̸ ꭂ→ǝo̵ ꭇ→r ꭈ→r ꭍ→ʃ ꭎ→u ꭒ→u ꭓ→χ ꭕ→χ ꭚ→y
ꭠ→љ ꭢ→ɔe ꭣ→uo
"""
PROTOTYPES: dict[str, str] = dict(pair.split("→") for pair in _TABLE.split())


def skeleton(text: str) -> str:
    """UTS #39's skeleton, for the letters above: decomposed, each character by its prototype."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", "".join(PROTOTYPES.get(c, c) for c in decomposed))


def likeness(name: str) -> frozenset[str]:
    """The forms under which another name looks like this one: two names look alike if they share one.

    Two, since a skeleton tells case apart: the skeleton of the name in small letters ("Аdmin" with
    a Cyrillic "А" looks like "admin"), and of the name as written, then in small letters (Cyrillic
    "Н" looks like "H", though its small "н" does not look like "h").
    """
    plain = unicodedata.normalize("NFKC", name)
    return frozenset({_folded(plain), _folded(skeleton(plain))})


def _folded(text: str) -> str:
    shown = skeleton(text.casefold())
    return "".join(
        c for c in shown if not c.isspace() and unicodedata.category(c) not in ("Mn", "Me", "Cf", "Cc")
    )


# Arabic's tatweel stretches a word without changing it; its harakat (short vowels, shadda, sukun)
# are combining marks and go with the other marks below.
TATWEEL = "\u0640"


def matching_form(text: str) -> str:
    """The text as word lists compare it: full-width and other compatibility forms made plain (NFKC),
    look-alike letters by their prototype, small letters, no combining marks (accents, harakat) nor
    tatweel. Spaces stay, so that whole words can still be told apart."""
    plain = unicodedata.normalize("NFKC", text).replace(TATWEEL, "")
    shown = skeleton(plain.casefold()).casefold()
    return "".join(c for c in shown if unicodedata.category(c) not in ("Mn", "Me", "Cf"))
