"""What the content loader says about a file, in en and ja.

A problem's message is a `Msg`: a catalog code and its parameters, rendered in
the reader's language when it is shown (``sumiwake validate --lang ja``).  A
parameter may itself be a `Msg` (a "did you mean" hint, the kind of thing a
reference names), rendered in the same language.  The English rendering is the
text a `Problem` carries, so English output reads as it always did.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.i18n import Catalog

MESSAGES = Catalog("content", {
    # ---- pydantic's error kinds (the schema)
    "missing": {"en": "required field is missing", "ja": "必須の項目がありません"},
    "extra_forbidden": {"en": "unknown field (check the spelling)", "ja": "不明な項目です（項目名を確認してください）"},
    "greater_than_equal": {"en": "must be at least {ge}", "ja": "{ge}以上にしてください"},
    "greater_than": {"en": "must be greater than {gt}", "ja": "{gt}より大きくしてください"},
    "less_than_equal": {"en": "must be at most {le}", "ja": "{le}以下にしてください"},
    "less_than": {"en": "must be less than {lt}", "ja": "{lt}未満にしてください"},
    "too_short": {"en": "must have at least {min_length} item(s)", "ja": "{min_length}件以上必要です"},
    "too_long": {"en": "must have at most {max_length} item(s)", "ja": "{max_length}件までです"},
    "string_too_short": {"en": "must not be empty", "ja": "空にはできません"},
    "string_pattern_mismatch": {"en": "must match the pattern {pattern}", "ja": "パターン {pattern} に合わせてください"},
    "string_type": {"en": "must be text", "ja": "文字列にしてください"},
    "int_type": {"en": "must be a whole number", "ja": "整数にしてください"},
    "int_parsing": {"en": "must be a whole number", "ja": "整数にしてください"},
    "int_from_float": {"en": "must be a whole number", "ja": "整数にしてください"},
    "float_type": {"en": "must be a number", "ja": "数値にしてください"},
    "float_parsing": {"en": "must be a number", "ja": "数値にしてください"},
    "bool_type": {"en": "must be true or false", "ja": "'true' か 'false' にしてください"},
    "bool_parsing": {"en": "must be true or false", "ja": "'true' か 'false' にしてください"},
    "list_type": {"en": "must be a list", "ja": "リストにしてください"},
    "dict_type": {"en": "must be a mapping", "ja": "マッピングにしてください"},
    "model_type": {"en": "must be a mapping", "ja": "マッピングにしてください"},
    "model_attributes_type": {"en": "must be a mapping", "ja": "マッピングにしてください"},
    "finite_number": {"en": "must be a finite number (not .nan or .inf)", "ja": "有限の数値にしてください（'.nan' や '.inf' は使えません）"},
    "mapping_fields": {"en": "must be a mapping with fields: {fields}", "ja": "次の項目を持つマッピングにしてください：{fields}"},
    "one_of": {"en": "must be one of: {values}{hint}", "ja": "次のいずれかにしてください：{values}{hint}"},
    "with_input": {"en": "{message}, got {input}", "ja": "{message}（指定された値：{input}）"},
    "with_hint": {"en": "{message}{hint}", "ja": "{message}{hint}"},
    "hint.did_you_mean": {"en": "; did you mean '{word}'?", "ja": "。'{word}' の誤りではありませんか"},
    "other": {"en": "{detail}", "ja": "{detail}"},  # a message pydantic words itself
    # ---- not a problem: a notice when a scenario file given by path has the id of one of the content's own
    "shadows_builtin": {"en": "notice: {file} has the id '{id}' of a built-in scenario; playing the file",
                        "ja": "お知らせ：{file} のID「{id}」は組み込みシナリオと同じです。このファイルの方を使います"},
    # ---- the schema's own checks
    "number.range": {"en": "must be between -{max} and {max}, got {value}", "ja": "-{max}から{max}までにしてください（指定された値：{value}）"},
    "effect.factor": {"en": "a 'mul' effect's amount is a factor: between 0 and {max}, got {value}",
                      "ja": "'mul' の効果の 'amount' は倍率です。0から{max}までにしてください（指定された値：{value}）"},
    "ref.listed_twice": {"en": "{what} '{value}' is listed twice (first at {first})",
                         "ja": "{what}「{value}」が二度挙げられています（最初は {first}）"},
    "yaml.too_deep": {"en": "nested more than {depth} levels deep", "ja": "入れ子が{depth}段を超えています"},
    "file.too_large": {"en": "file is too large ({size} bytes; a content file may have at most {limit})",
                       "ja": "ファイルが大きすぎます（{size}バイト。コンテンツのファイルは{limit}バイトまでです）"},
    "content.none": {"en": "no content found: no rules/*.yaml or scenarios/*.yaml here ({how})",
                     "ja": "コンテンツが見つかりません：ここには 'rules/*.yaml' も 'scenarios/*.yaml' もありません（{how}）"},
    "content.none.env": {"en": "give a folder with rules/ and scenarios/ in ${env}",
                         "ja": "${env} には 'rules/' と 'scenarios/' のあるフォルダーを指定してください"},
    "content.none.install": {"en": "the installation is incomplete: reinstall sumiwake",
                             "ja": "インストールが不完全です。sumiwake を入れ直してください"},
    "params.exact": {"en": "{kind} params must be exactly: {want} (missing: {missing}; unknown: {unknown})",
                     "ja": "{kind} の 'params' は次のとおりにしてください：{want}（不足：{missing}、不明：{unknown}）"},
    "params.none": {"en": "none", "ja": "なし"},
    "params.positive": {"en": "params.{name} must be a finite number above 0, got {value}",
                        "ja": "'params.{name}' は0より大きい有限の数にしてください（指定された値：{value}）"},
    "crisis_rate.order": {"en": "low ({low}) must not be above high ({high})",
                          "ja": "'low'（{low}）は 'high'（{high}）以下にしてください"},
    "round.positive": {"en": "round {round} must be 1 or more", "ja": "{round}年目は1以上にしてください"},
    # ---- reading YAML
    "yaml.recursive": {"en": "recursive or too many aliases", "ja": "再帰しているか、エイリアスが多すぎます"},
    "yaml.bool11": {"en": "'{value}' is a YAML 1.1 boolean: write true or false, or quote it if you meant text",
                    "ja": "'{value}' はYAML 1.1では真偽値として読まれます。'true' か 'false' と書くか、文字列なら引用符で囲んでください"},
    "yaml.tag": {"en": "unsupported tag '{tag}'", "ja": "対応していないタグです：'{tag}'"},
    "yaml.duplicate_key": {"en": "duplicate key '{key}' (first at line {first})",
                           "ja": "キー '{key}' が重複しています（最初は{first}行目）"},
    "yaml.key": {"en": "a mapping key must be a plain value", "ja": "マッピングのキーは単純な値にしてください"},
    "yaml.error": {"en": "{detail}", "ja": "YAMLとして読めません：{detail}"},
    "yaml.expected_got": {"en": "expected {want}, but got {got}", "ja": "{want} があるはずの位置に {got} があります"},
    "yaml.expected_found": {"en": "expected {want}, but found {got}", "ja": "{want} があるはずの位置に {got} があります"},
    "yaml.not_found": {"en": "could not find expected {want}", "ja": "{want} が見つかりません"},
    "yaml.did_not_find": {"en": "did not find expected {want}", "ja": "{want} が見つかりません"},
    "yaml.no_mapping_value": {"en": "mapping values are not allowed here", "ja": "ここにマッピングの値（「:」）は置けません"},
    "yaml.bad_char": {"en": "found character {char} that cannot start any token",
                      "ja": "文字 {char} はここでは使えません（字下げにはタブではなく空白を使ってください）"},
    "yaml.alias": {"en": "found undefined alias {name}", "ja": "定義されていないエイリアスです：{name}"},
    "yaml.end": {"en": "found unexpected end of stream", "ja": "ファイルが途中で終わっています"},
    "file.cannot_read": {"en": "cannot read file: {detail}", "ja": "ファイルを読めません：{detail}"},
    "file.empty": {"en": "file is empty", "ja": "ファイルが空です"},
    "file.not_mapping": {"en": "the file must be a mapping of keys", "ja": "ファイルはキーのマッピングにしてください"},
    "file.not_found": {"en": "file not found", "ja": "ファイルが見つかりません"},
    "file.not_content": {"en": "not content: expected a file in rules/ or a scenario with 'id:'",
                         "ja": "コンテンツではありません：'rules/' のファイルか 'id:' を持つシナリオを指定してください"},
    # ---- cross-references
    "ref.unknown": {"en": "unknown {what} '{value}'{hint}", "ja": "不明な{what}です：'{value}'{hint}"},
    "ref.twice": {"en": "{what} {value} is defined twice (first at {first})",
                  "ja": "{what} {value} が2回定義されています（最初は {first}）"},
    "what.domain": {"en": "domain", "ja": "領域"},
    "what.region": {"en": "region", "ja": "地域"},
    "what.seat": {"en": "seat", "ja": "席"},
    "what.event": {"en": "event", "ja": "イベント"},
    "what.member": {"en": "member", "ja": "メンバー"},
    "what.role": {"en": "role", "ja": "役割"},
    "what.persona": {"en": "persona", "ja": "ペルソナ"},
    "what.seat or role": {"en": "seat or role", "ja": "席または役割"},
    "what.domain id": {"en": "domain id", "ja": "領域ID"},
    "what.region id": {"en": "region id", "ja": "地域ID"},
    "what.seat id": {"en": "seat id", "ja": "席ID"},
    "what.tier": {"en": "tier", "ja": "ティア"},
    "what.order kind": {"en": "order kind", "ja": "施策の種類"},
    "what.agreement kind": {"en": "agreement kind", "ja": "協定の種類"},
    "what.term id": {"en": "term id", "ja": "条件ID"},
    "what.event id": {"en": "event id", "ja": "イベントID"},
    "what.objective id": {"en": "objective id", "ja": "目標ID"},
    "what.persona id": {"en": "persona id", "ja": "ペルソナID"},
    "what.option": {"en": "option", "ja": "選択肢"},
    "what.option id": {"en": "option id", "ja": "選択肢ID"},
    "seat.needs_block": {"en": "a {type} seat needs a '{type}:' block", "ja": "{type} の席には '{type}:' ブロックが必要です"},
    "seat.no_block": {"en": "a {type} seat must not have a '{other}:' block",
                      "ja": "{type} の席に '{other}:' ブロックは置けません"},
    "seat.home": {"en": "home must be a nation seat, not '{home}'{hint}",
                  "ja": "'home' には国家の席を指定してください（'{home}' は国家ではありません）{hint}"},
    "tier.undefined": {"en": "tier {tier} is not defined", "ja": "ティア{tier}が定義されていません"},
    "effect.needs": {"en": "a '{kind}' effect needs a '{field}'", "ja": "'{kind}' の効果には '{field}' が必要です"},
    "effect.needs_an": {"en": "an '{kind}' effect needs a '{field}'", "ja": "'{kind}' の効果には '{field}' が必要です"},
    "effect.quantity_holder": {"en": "quantity '{quantity}' does not apply to {holder}, which selector '{select}' can pick",
                               "ja": "数量 '{quantity}' は{holder}には適用されません（セレクター '{select}' は{holder}を選ぶことがあります）"},
    "holder.nations": {"en": "nations", "ja": "国家"},
    "holder.firms": {"en": "firms", "ja": "企業"},
    "holder.world": {"en": "the world", "ja": "世界全体"},
    "selector.needs": {"en": "selector '{select}' needs '{field}'", "ja": "セレクター '{select}' には '{field}' が必要です"},
    "selector.option_only": {"en": "selector '{select}' may only be used in a choice's option",
                             "ja": "セレクター '{select}' は選択肢の効果の中でしか使えません"},
    "par.missing": {"en": "seat '{seat}' has no par", "ja": "席 '{seat}' にパーがありません"},
    "event.empty": {"en": "an event card needs 'effects' or a 'choice'",
                    "ja": "イベントカードには 'effects' か 'choice' が必要です"},
    "scenario.no_nation": {"en": "a scenario needs at least one nation seat", "ja": "シナリオには国家の席が1つ以上必要です"},
    "scenario.not_seat": {"en": "'{seat}' is not one of this scenario's seats",
                          "ja": "'{seat}' はこのシナリオの席ではありません"},
    "scenario.not_nation": {"en": "'{seat}' is not a nation seat of this scenario",
                            "ja": "'{seat}' はこのシナリオの国家の席ではありません"},
    "scenario.row_or_nation": {"en": "'{seat}' must be 'row' or a nation seat of this scenario",
                               "ja": "'{seat}' には 'row' かこのシナリオの国家の席を指定してください"},
    "scenario.late_round": {"en": "round {round} is after the last round ({rounds})",
                            "ja": "{round}年目は最終年（{rounds}）より後です"},
    "scenario.unknown": {"en": "unknown scenario '{ref}'; known: {known}", "ja": "不明なシナリオです：'{ref}'（既知：{known}）"},
    "rules.none": {"en": "no rules files (*.yaml) found", "ja": "ルールファイル（*.yaml）が見つかりません"},
    "rules.key_twice": {"en": "key '{key}' is already defined in {where}", "ja": "キー '{key}' はすでに {where} で定義されています"},
    "id.file_name": {"en": "id '{id}' must equal the file name '{stem}'",
                     "ja": "'id' の '{id}' はファイル名 '{stem}' と同じにしてください"},
    # ---- glossary
    "glossary.empty_variant": {"en": "a variant to avoid must not be empty", "ja": "避ける表記を空にしないでください"},
    "glossary.avoids_itself": {"en": "the term '{ja}' contains its own variant to avoid '{variant}'",
                               "ja": "用語 '{ja}' に、避ける表記 '{variant}' が含まれています"},
    "glossary.id_twice": {"en": "term id '{id}' is defined twice", "ja": "用語ID '{id}' が2回定義されています"},
    # ---- AI personas and table profiles
    "persona.term_amount": {"en": "term '{term}' may ask for {amounts}, not {amount}",
                            "ja": "条件 '{term}' に指定できる量は {amounts} です（指定された値：{amount}）"},
    "persona.fixed_region": {"en": "region_style 'fixed' needs 'region'", "ja": "'region_style' が 'fixed' なら 'region' が必要です"},
    "persona.wrong_type": {"en": "persona '{persona}' is for {type} seats, not {want}",
                           "ja": "ペルソナ '{persona}' は {type} の席用です（{want} の席には使えません）"},
    "persona.wrong_seat": {"en": "persona '{persona}' is for {type} seats; {seat} is a {seat_type} seat",
                           "ja": "ペルソナ '{persona}' は {type} の席用です（{seat} は {seat_type} の席です）"},
})


@dataclass(frozen=True)
class Msg:
    """A message to render later: a `MESSAGES` code and its parameters."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str = "en") -> str:
        return MESSAGES.render(self.code, lang,
                               **{k: v.render(lang) if isinstance(v, Msg) else v for k, v in self.params})


def msg(code: str, **params: object) -> Msg:
    """`Msg` ``code`` with ``params`` (kept in order; values must be hashable)."""
    return Msg(code, tuple(params.items()))


class ContentValueError(ValueError):
    """A schema validator's refusal, worded by a `Msg` (its text is the English)."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.render("en"))
        self.msg = message
