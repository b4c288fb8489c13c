"""Every message the command line shows, in English and Japanese.

``t(key, lang, **params)`` renders a template (`game.i18n.Catalog.render`); an
unknown language falls back to English.
"""

from __future__ import annotations

from game.i18n import LANGS, Catalog

__all__ = ["CATALOG", "LANGS", "t"]

CATALOG = Catalog("cli", {
    # ---- program
    "prog.description": {
        "en": "Sumiwake: a serious game about AI geopolitics among the G7 (command-line tools).",
        "ja": "Sumiwake（すみ分け）：G7のAI地政学を扱うシリアスゲーム（コマンドライン・ツール）。",
    },
    "prog.epilog": {
        "en": "Run 'sumiwake play' for the desktop game, 'sumiwake workshop' for a facilitated session, "
              "or 'sumiwake COMMAND --help' for a command.",
        "ja": "デスクトップ版は「sumiwake play」、ファシリテーター付きのワークショップは「sumiwake workshop」。"
              "各コマンドの説明は「sumiwake COMMAND --help」。",
    },
    # ---- balance
    "balance.help": {"en": "measure the balance targets (T1–T5 and no dominant persona) by batch simulation",
                     "ja": "バランス目標（T1〜T5と支配的ペルソナの不在）を一括シミュレーションで測定する"},
    "balance.games": {"en": "games per side of each comparison (default 40)", "ja": "対比ごとのゲーム数（既定値 40）"},
    "balance.seed": {"en": "first seed (default 0)", "ja": "最初のシード（既定値 0）"},
    "balance.scenario": {"en": "scenario id or .yaml file to measure (repeatable; default: all but the tutorial)",
                         "ja": "対象シナリオのIDまたは .yaml ファイル（複数指定可。既定値：tutorial 以外のすべて）"},
    "balance.dominance": {"en": "games per cell of the persona round-robin (default games/4, at least 4)",
                          "ja": "ペルソナ総当たりのセルごとのゲーム数（既定値：games/4、最低4）"},
    "balance.out": {"en": "write the results to FILE (.json or .md)", "ja": "結果を FILE に書き出す（.json または .md）"},
    "balance.quiet": {"en": "no progress bar on stderr", "ja": "進捗バーを表示しない"},
    "opt.lang": {"en": "language of messages and reports (en or ja)", "ja": "メッセージとレポートの言語（en または ja）"},
    "opt.version": {"en": "print the version and exit", "ja": "バージョンを表示して終了します"},
    "opt.json": {"en": "print one JSON object for machines", "ja": "機械処理用にJSONオブジェクトを1つ出力"},
    "commands": {"en": "commands", "ja": "コマンド"},
    "examples": {"en": "examples:", "ja": "例："},
    "arg.not_int": {"en": "invalid int value: '{value}'", "ja": "「{value}」は整数ではありません"},
    "arg.at_least": {"en": "must be at least {lo}: '{value}'", "ja": "{lo}以上にしてください（「{value}」）"},
    # ---- report
    "report.help": {"en": "build the after-action report (HTML with charts, plus JSON data) from a save",
                    "ja": "セーブから事後レビュー報告書（グラフ付きHTMLとJSONデータ）を作る"},
    "report.file": {"en": "a save file or a workshop session file", "ja": "セーブファイルまたはワークショップのセッションファイル"},
    "report.out": {"en": "the HTML file to write", "ja": "書き出すHTMLファイル"},
    "report.data": {"en": "the JSON data file (default: next to the HTML)", "ja": "JSONデータの出力先（省略時はHTMLと同じ場所）"},
    "report.same_file": {"en": "--data must differ from --out", "ja": "--data と --out には別のファイルを指定してください"},
    "report.ok": {"en": "wrote {html} and {json}", "ja": "{html} と {json} を書き出しました"},
    "report.reveal": {"en": "show the secret objectives and this round's unrevealed orders of a game that is not over "
                            "(prints a warning)",
                      "ja": "終了していないゲームの秘密目標と今ラウンドの未公開の命令も表示する（警告を表示します）"},
    "report.reveal_warning": {
        "en": "warning: the game is still in progress and this report shows every secret objective and this "
              "round's unrevealed orders; keep it from the players until the game is over",
        "ja": "警告：ゲームはまだ進行中ですが、この報告書にはすべての秘密目標と今ラウンドの未公開の命令が含まれます。"
              "ゲームが終わるまでプレイヤーには見せないでください。"},
    "report.secrets_hidden": {
        "en": "the game is still in progress: secret objectives and this round's orders are left out "
              "(--reveal-secrets shows them)",
        "ja": "ゲームはまだ進行中のため、秘密目標と今ラウンドの命令は含めていません（--reveal-secrets で表示できます）"},
    # ---- cards
    "cards.help": {"en": "write printable role cards for each seat and a one-page rules summary (HTML)",
                   "ja": "各席の印刷用ロールカードと1ページのルール概要（HTML）を書き出す"},
    "cards.scenario": {"en": "scenario id or .yaml file", "ja": "シナリオIDまたは .yaml ファイル"},
    "cards.out": {"en": "directory to write the cards into", "ja": "カードを書き出すディレクトリ"},
    "cards.seed": {"en": "also print each seat's secret objective as dealt with this seed", "ja": "このシードで配られる各席の秘密目標も印刷する"},
    "cards.ok": {"en": "wrote {n} files in {dir}", "ja": "{dir} に{n}ファイルを書き出しました"},
    # ---- validate
    "validate.help": {"en": "check the content files (rules and scenarios)", "ja": "コンテンツ（ルールとシナリオ）を検査する"},
    "validate.paths": {"en": "files or directories to check (default: all content)", "ja": "検査するファイルまたはディレクトリ（省略時はすべて）"},
    "validate.ok": {"en": "ok: {n} files", "ja": "OK：{n}ファイル"},
    "validate.failed": {"en": "{n} problem(s) found", "ja": "{n}件の問題が見つかりました"},
    # ---- scenarios
    "scenarios.help": {"en": "list the scenarios", "ja": "シナリオの一覧を表示する"},
    "col.id": {"en": "id", "ja": "ID"},
    "col.title": {"en": "title", "ja": "タイトル"},
    "col.seats": {"en": "seats", "ja": "席数"},
    "col.rounds": {"en": "rounds", "ja": "ラウンド"},
    "col.seat": {"en": "seat", "ja": "席"},
    "col.score": {"en": "score (mean ± sd)", "ja": "得点（平均 ± 標準偏差）"},
    "col.index": {"en": "index", "ja": "指標"},
    "col.value": {"en": "mean ± sd", "ja": "平均 ± 標準偏差"},
    # ---- sim
    "sim.help": {"en": "play whole games headless with AI policies and summarise them", "ja": "AI方策でゲームを自動対戦させ、結果を集計する"},
    "sim.scenario": {"en": "scenario id (see 'sumiwake scenarios') or .yaml file",
                     "ja": "シナリオID（「sumiwake scenarios」を参照）または .yaml ファイル"},
    "sim.games": {"en": "number of games (default 1)", "ja": "対戦数（既定値 1）"},
    "sim.seed": {"en": "seed of the first game; game i uses seed+i (default 0)", "ja": "最初の対戦のシード。i番目はシード+i（既定値 0）"},
    "sim.rounds": {"en": "rounds per game (default: the scenario's)", "ja": "1対戦のラウンド数（既定値：シナリオの設定）"},
    "sim.policy": {"en": "AI policy for every seat (default random)", "ja": "全席のAI方策（既定値 random）"},
    "sim.profile": {"en": "table profile, a scripted whole-table strategy: {names}", "ja": "卓プロファイル（全席の定型戦略）：{names}"},
    "sim.persona": {"en": "a seat's persona (repeatable): {names}", "ja": "席のペルソナ（複数指定可）：{names}"},
    "sim.difficulty": {"en": "AI level of the persona bots (default normal)", "ja": "ペルソナAIの難易度（既定値 normal）"},
    "sim.jobs": {"en": "worker processes (results do not depend on it)", "ja": "並列プロセス数（結果は変わらない）"},
    "batch.no_distributed": {"en": "--cluster needs the 'distributed' package: pip install 'sumiwake[cluster]'",
                             "ja": "--cluster には distributed パッケージが必要です：pip install 'sumiwake[cluster]'"},
    "batch.unreachable": {"en": "cannot reach the cluster at {address}: {detail}",
                          "ja": "{address} のクラスタに接続できません：{detail}"},
    "sim.cluster": {"en": "run the games on the dask cluster whose scheduler is at ADDRESS, e.g. tcp://10.0.0.5:8786 (needs sumiwake[cluster]; results do not depend on it)",
                    "ja": "ADDRESS のスケジューラ（例 tcp://10.0.0.5:8786）の dask クラスタで対戦を実行する（sumiwake[cluster] が必要。結果は変わらない）"},
    "sim.unknown_policy": {"en": "unknown policy '{name}'; known: {known}", "ja": "不明な方策です：「{name}」（既知：{known}）"},
    "sim.unknown_profile": {"en": "unknown profile '{name}'; known: {known}", "ja": "不明なプロファイルです：「{name}」（既知：{known}）"},
    "sim.save": {"en": "write each game's save file into DIR as <scenario>-<seed>.json", "ja": "各対戦のセーブを DIR/<シナリオ>-<シード>.json に書き出す"},
    "sim.json": {
        "en": "print one JSON object for machines. Standard deviations are population standard deviations (0 for one game).",
        "ja": "機械処理用にJSONオブジェクトを1つ出力。標準偏差は母標準偏差（1対戦なら0）。",
    },
    "sim.stdev_note": {
        "en": "Standard deviations are population standard deviations (0 for one game).",
        "ja": "標準偏差は母標準偏差（1対戦なら0）。",
    },
    "sim.header": {
        "en": "{scenario}: {games} game(s), seeds {first}–{last}, {rounds} rounds, policy {policy}",
        "ja": "{scenario}：{games}対戦、シード{first}〜{last}、{rounds}ラウンド、方策 {policy}",
    },
    "sim.asi": {"en": "Alliance Security Index", "ja": "同盟安全保障指数"},
    "sim.aci": {"en": "Alliance Competitiveness Index", "ja": "同盟競争力指数"},
    "sim.crises": {
        "en": "Alliance crisis at the end: {n} of {games} game(s) ({cut} ended early by crisis)",
        "ja": "同盟危機で終了：{games}対戦中{n}（うち危機による途中終了{cut}）",
    },
    "sim.saved": {"en": "saved {n} game(s) in {dir}", "ja": "{dir} に{n}件のセーブを書き出しました"},
    # ---- replay
    "replay.help": {"en": "re-simulate a saved game and print its round reports", "ja": "セーブしたゲームを再現し、各ラウンドのレポートを表示する"},
    "replay.file": {"en": "a save file written by 'sumiwake sim --save' or the game", "ja": "「sumiwake sim --save」またはゲームが書いたセーブファイル"},
    "replay.ok": {"en": "replay matches the save (state hash {hash})", "ja": "再現結果はセーブと一致しました（状態ハッシュ {hash}）"},
    "replay.mismatch": {
        "en": "replay does not match the save: state hash {got} but the save says {want}",
        "ja": "再現結果がセーブと一致しません（状態ハッシュ {got}、セーブでは {want}）",
    },
    "replay.bad_log": {"en": "the action log does not replay: {detail}", "ja": "行動記録を再現できません：{detail}"},
    # ---- schema
    "schema.help": {"en": "print or write the JSON Schemas of the content files", "ja": "コンテンツのJSONスキーマを表示または書き出す"},
    "schema.which": {"en": "which schema (default: both, as one JSON object)", "ja": "どのスキーマか（省略時は両方を1つのJSONで）"},
    "schema.out": {"en": "write rules.schema.json and scenario.schema.json into DIR", "ja": "DIR に rules.schema.json と scenario.schema.json を書き出す"},
    "schema.wrote": {"en": "wrote {path}", "ja": "{path} を書き出しました"},
    # ---- errors
    "err.unknown_scenario": {"en": "unknown scenario '{id}'; known: {known}", "ja": "不明なシナリオです：「{id}」（既知のシナリオ：{known}）"},
    "err.content": {"en": "the content has problems; run 'sumiwake validate'", "ja": "コンテンツに問題があります。「sumiwake validate」を実行してください"},
    "err.write": {"en": "{path}: cannot write: {detail}", "ja": "{path}：書き込めません：{detail}"},
    "out.is_input": {"en": "{path}: is the input file {input}; choose another output",
                     "ja": "{path}：入力ファイル {input} と同じである。別の出力先を指定すること"},
    "out.is_dir": {"en": "{path}: is a directory; give a file name", "ja": "{path}：ディレクトリである。ファイル名を指定すること"},
    "out.not_file": {"en": "{path}: is not a regular file", "ja": "{path}：通常のファイルではない"},
    "out.not_a_dir": {"en": "{path}: exists and is not a directory", "ja": "{path}：ディレクトリではないものがすでにある"},
    "out.not_dir": {"en": "{path}: cannot write: {parent} is not a directory",
                    "ja": "{path}：書き込めない：{parent} はディレクトリではない"},
    "out.cannot_write": {"en": "{path}: cannot write: {detail}", "ja": "{path}：書き込めない：{detail}"},
    "out.same_outputs": {"en": "{path}: given as two outputs; they must differ",
                         "ja": "{path}：二つの出力先に同じファイルが指定されている。別々にすること"},
    "err.internal": {"en": "internal error: {detail}", "ja": "内部エラー：{detail}"},
    "err.interrupted": {"en": "interrupted", "ja": "中断しました"},
})

t = CATALOG.render
