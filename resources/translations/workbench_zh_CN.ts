<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnnotateTab</name>
    <message>
        <location filename="../../workbench/gui/annotate_tab.py" line="+125"/>
        <source>%v of %m labelled</source>
        <translation>已标注 %v / %m</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the next document after labelling</source>
        <translation>标注后跳到下一篇文档</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New label name</source>
        <translation>新标签名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Label: {name}</source>
        <translation>标签：{name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>AttentionTab</name>
    <message>
        <location filename="../../workbench/gui/attention_tab.py" line="+47"/>
        <source>Type a text to inspect, e.g. 春眠不觉晓，处处闻啼鸟。</source>
        <translation>输入要查看的文本，例如：春眠不觉晓，处处闻啼鸟。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the current document</source>
        <translation>使用当前文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the document open in the Annotate tab into the text field</source>
        <translation>把标注页中打开的文档复制到文本框</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the mouse over the heatmap to read a weight.</source>
        <translation>将鼠标移到热力图上可查看权重。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Head:</source>
        <translation>注意力头：</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Run {run}, step {step}, validation loss {loss}</source>
        <translation>运行 {run}，第 {step} 步，验证损失 {loss}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No document is open in the Annotate tab.</source>
        <translation>标注页中没有打开的文档。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No checkpoint yet. Train a model in the Train tab first.</source>
        <translation>还没有检查点。请先在“训练”标签页中训练模型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type a text to inspect first.</source>
        <translation>请先输入要查看的文本。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{tokens} tokens; {layers} layers × {heads} heads (counted from 0).</source>
        <translation>{tokens} 个词元；{layers} 层 × {heads} 个头（从 0 开始编号）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The text has {total} tokens; the model&apos;s context shows the first {shown}.</source>
        <translation>该文本有 {total} 个词元；受模型上下文长度限制，只显示前 {shown} 个。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>query {q} “{qt}” → key {k} “{kt}”: {weight:.4f}</source>
        <translation>查询 {q}“{qt}”→ 键 {k}“{kt}”：{weight:.4f}</translation>
    </message>
</context>
<context>
    <name>CorpusTab</name>
    <message>
        <location filename="../../workbench/gui/corpus_tab.py" line="+53"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+108"/>
        <source>Import text</source>
        <translation>导入文本</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>One document per line</source>
        <translation>每行一篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One document per paragraph</source>
        <translation>每段一篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One document per file</source>
        <translation>每个文件一篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Split:</source>
        <translation>拆分方式：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Byte-level BPE</source>
        <translation>字节级 BPE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Character</source>
        <translation>字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BPE with Chinese words</source>
        <translation>学习中文词的 BPE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WordPiece</source>
        <translation>WordPiece</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unigram</source>
        <translation>Unigram</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Train tokenizer</source>
        <translation>训练分词器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vocabulary size:</source>
        <translation>词表大小：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Encode</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encode corpus</source>
        <translation>编码语料</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Splits documents 90 / 10 into training and validation.</source>
        <translation>按 90 / 10 将文档划分为训练集和验证集。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tokens of a sample document appear here after the tokenizer is trained.</source>
        <translation>训练分词器后，这里显示一篇示例文档的词元。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Import and tokenizer</source>
        <translation>导入与分词器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preprocessing pipeline</source>
        <translation>预处理流水线</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No project open. Use File ▸ New project or File ▸ Open project.</source>
        <translation>没有打开的项目。请使用“文件 ▸ 新建项目”或“文件 ▸ 打开项目”。</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Trained a tokenizer with a vocabulary of {size} tokens.</source>
        <translation>分词器已训练完成，词表大小为 {size} 个词元。</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>{documents} documents, {characters} characters. Tokenizer: {tokenizer}. Encoded: {encoded}.</source>
        <translation>{documents} 篇文档，{characters} 个字符。分词器：{tokenizer}。已编码：{encoded}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Text (*.txt *.jsonl *.ndjson);;All files (*)</source>
        <translation>文本 (*.txt *.jsonl *.ndjson);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import a folder of .txt files</source>
        <translation>导入包含 .txt 文件的文件夹</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported {documents} documents from {files} file(s); skipped {blank} blank line(s).</source>
        <translation>已从 {files} 个文件导入 {documents} 篇文档；跳过 {blank} 个空行。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Training tokenizer…</source>
        <translation>正在训练分词器…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Encoding…</source>
        <translation>正在编码…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Encoded {train} training and {val} validation tokens ({dtype}).</source>
        <translation>已编码 {train} 个训练词元和 {val} 个验证词元（{dtype}）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The job failed</source>
        <translation>任务失败</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../workbench/gui/main_window.py" line="+48"/>
        <source>Corpus</source>
        <translation>语料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotate</source>
        <translation>标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open or create a project to begin.</source>
        <translation>请打开或新建一个项目以开始。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export model…</source>
        <translation>导出模型(&amp;E)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About LM Workbench</source>
        <translation>关于 LM Workbench(&amp;A)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose an empty folder for the new project</source>
        <translation>为新项目选择一个空文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a project folder</source>
        <translation>打开项目文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Opened {path}</source>
        <translation>已打开 {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no project</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LM Workbench — {name}</source>
        <translation>LM Workbench — {name}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose an empty folder for the export</source>
        <translation>为导出选择一个空文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>About LM Workbench</source>
        <translation>关于 LM Workbench</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LM Workbench {version}
Python {python}
torch {torch} ({accelerators})
Qt (PySide6) {qt}</source>
        <translation>LM Workbench {version}
Python {python}
torch {torch}（{accelerators}）
Qt (PySide6) {qt}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
</context>
<context>
    <name>PreprocessPanel</name>
    <message>
        <location filename="../../workbench/gui/preprocess_panel.py" line="+96"/>
        <source>Save pipeline</source>
        <translation>保存流水线</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+28"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Run pipeline</source>
        <translation>运行流水线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo normalisation</source>
        <translation>撤销规范化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put back the texts and span offsets that the shown run normalised.</source>
        <translation>恢复当前显示的这次运行所规范化的文本和片段偏移。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Before</source>
        <translation>处理前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>处理后</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Documents in</source>
        <translation>输入文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Documents out</source>
        <translation>输出文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removed</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Characters in</source>
        <translation>输入字符</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Characters out</source>
        <translation>输出字符</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed documents</source>
        <translation>已移除的文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>1. Normalise</source>
        <translation>1. 规范化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2. Filter</source>
        <translation>2. 过滤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3. Deduplicate</source>
        <translation>3. 去重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4. Split</source>
        <translation>4. 划分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5. Tokenizer</source>
        <translation>5. 分词器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6. Encode</source>
        <translation>6. 编码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unicode form</source>
        <translation>Unicode 规范形式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NFC composes accents only. NFKC also folds compatibility forms: full-width letters, digits and punctuation (Ａ１！ becomes A1!, ，becomes ,), ligatures and circled numbers.</source>
        <translation>NFC 只合成重音符号。NFKC 还会折叠兼容字符：全角字母、数字和标点（Ａ１！变为 A1!，“，”变为“,”）、连字和带圈数字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repair mojibake</source>
        <translation>修复乱码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repair UTF-8 text that was decoded as Latin-1 or Windows-1252 (ftfy).</source>
        <translation>修复被误按 Latin-1 或 Windows-1252 解码的 UTF-8 文本（ftfy）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove control characters</source>
        <translation>删除控制字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove C0/C1 control characters, the byte-order mark and zero-width spaces.</source>
        <translation>删除 C0/C1 控制字符、字节顺序标记和零宽空格。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unify line endings</source>
        <translation>统一换行符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turn CRLF, CR and Unicode line separators into LF.</source>
        <translation>把 CRLF、CR 和 Unicode 行分隔符统一为 LF。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collapse white space</source>
        <translation>合并空白</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collapse runs of spaces and tabs, strip line ends, keep at most one blank line.</source>
        <translation>合并连续的空格和制表符，去掉行首行尾空白，最多保留一个空行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum characters</source>
        <translation>最少字符数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum characters (0: none)</source>
        <translation>最多字符数（0：不限）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum words</source>
        <translation>最少词数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In Chinese text each ideograph is a word.</source>
        <translation>中文文本中每个汉字算一个词。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum words (0: none)</source>
        <translation>最多词数（0：不限）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum tokens</source>
        <translation>最少词元数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Uses the project&apos;s current tokenizer.</source>
        <translation>使用项目当前的分词器。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum tokens (0: none)</source>
        <translation>最多词元数（0：不限）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Languages to keep</source>
        <translation>保留的语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ISO 639-1 codes separated by commas, for example zh, en. Empty keeps every language. The model (fastText lid.176, lite) ships with the app and never downloads.</source>
        <translation>用逗号分隔的 ISO 639-1 代码，例如 zh, en。留空则保留所有语言。模型（fastText lid.176 精简版）随应用附带，从不下载。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Minimum language score</source>
        <translation>最低语言置信度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heuristic quality rules</source>
        <translation>启发式质量规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gopher, C4 and FineWeb rules; Chinese text is measured in characters and CJK punctuation counts.</source>
        <translation>Gopher、C4 和 FineWeb 规则；中文文本按字符计量，中文标点也算作标点。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum mean word length</source>
        <translation>最小平均词长</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>Spaced text only.</source>
        <translation>仅用于以空格分词的文本。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Maximum mean word length</source>
        <translation>最大平均词长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum symbols per word</source>
        <translation>每词最多符号数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&apos;#&apos; and ellipses.</source>
        <translation>“#”和省略号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum share of lines ending in punctuation</source>
        <translation>以标点结尾的行的最低比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ASCII and CJK sentence punctuation (。！？…) count.</source>
        <translation>ASCII 和中文句末标点（。！？…）都计入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum share of repeated lines</source>
        <translation>重复行的最高比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum share of characters in repeated lines</source>
        <translation>重复行字符的最高比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum share of the top 2-4-gram</source>
        <translation>最常见 2-4 元组的最高比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum share of repeated 5-grams</source>
        <translation>重复 5 元组的最高比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>10-character n-grams in Chinese text.</source>
        <translation>中文文本中使用 10 字符的 n 元组。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum share of bullet lines</source>
        <translation>项目符号行的最高比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum share of lines ending in an ellipsis</source>
        <translation>以省略号结尾的行的最高比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum share of words with a letter</source>
        <translation>含字母或汉字的词的最低比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exact duplicates</source>
        <translation>完全重复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Same text after collapsing white space.</source>
        <translation>合并空白后文本相同。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Near duplicates (MinHash LSH)</source>
        <translation>近似重复（MinHash LSH）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word shingle size</source>
        <translation>词 shingle 长度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For spaced text.</source>
        <translation>用于以空格分词的文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Character shingle size</source>
        <translation>字符 shingle 长度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>For Chinese and other unspaced text.</source>
        <translation>用于中文等不以空格分词的文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permutations</source>
        <translation>排列数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Must equal bands × rows.</source>
        <translation>必须等于分带数 × 每带行数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bands</source>
        <translation>分带数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows per band</source>
        <translation>每带行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jaccard threshold</source>
        <translation>Jaccard 阈值</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Validation and test as</source>
        <translation>验证集和测试集按</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>fraction: shares of documents; count: numbers of documents.</source>
        <translation>fraction：文档比例；count：文档数量。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The split depends only on the seed and each document&apos;s id.</source>
        <translation>划分只取决于随机种子和每篇文档的 id。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bytebpe: byte-level BPE; cjkbpe: BPE that learns multi-character Chinese words; wordpiece: BERT-style; unigram: SentencePiece-style; char: one token per character.</source>
        <translation>bytebpe：字节级 BPE；cjkbpe：能学习多字中文词的 BPE；wordpiece：BERT 风格；unigram：SentencePiece 风格；char：每个字符一个词元。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vocabulary size</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum frequency</source>
        <translation>最低频次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra special tokens</source>
        <translation>额外的特殊词元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Separated by commas.</source>
        <translation>用逗号分隔。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum token length</source>
        <translation>最大词元长度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training sample (characters, 0: all)</source>
        <translation>训练样本（字符数，0：全部）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A larger training split is sampled down to this many characters; the report says so.</source>
        <translation>训练集更大时会抽样到这么多字符，报告中会注明。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Writes train.bin, val.bin and test.bin for the trainer; memory does not grow with the corpus.</source>
        <translation>为训练器写出 train.bin、val.bin 和 test.bin；内存占用不随语料规模增长。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Open a project to prepare its corpus.</source>
        <translation>打开一个项目以准备其语料。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The saved pipeline is invalid</source>
        <translation>保存的流水线无效</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No run yet. Set the steps, preview, then run the pipeline.</source>
        <translation>尚未运行。请设置各步骤并预览，然后运行流水线。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Invalid pipeline setting</source>
        <translation>流水线设置无效</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saved the pipeline to {path}.</source>
        <translation>流水线已保存到 {path}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>changed: {steps}</source>
        <translation>已修改：{steps}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unchanged</source>
        <translation>未修改</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Preview of {count} sample documents; nothing was changed.</source>
        <translation>预览了 {count} 篇示例文档；没有做任何修改。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Running the pipeline…</source>
        <translation>正在运行流水线…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{step}: {done} of {total}</source>
        <translation>{step}：{done} / {total}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(about {seconds} s left)</source>
        <translation>（约剩 {seconds} 秒）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The pipeline failed</source>
        <translation>流水线运行失败</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled. No document was deleted; normalised texts can be restored.</source>
        <translation>已取消。没有删除任何文档；规范化后的文本可以恢复。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Put back the text of {count} document(s). Run the pipeline again to encode them.</source>
        <translation>已恢复 {count} 篇文档的文本。请再次运行流水线以对其编码。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Run {run}: kept {kept} of {total} documents.</source>
        <translation>第 {run} 次运行：保留了 {total} 篇中的 {kept} 篇文档。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No tokenizer yet.</source>
        <translation>还没有分词器。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{kind}, {size} tokens, trained on {sample} characters of {train}. On validation: {unknown:.2%} unknown tokens, {compression:.2f} characters per token.</source>
        <translation>{kind}，{size} 个词元，在 {train} 个字符中的 {sample} 个上训练。验证集上：未知词元 {unknown:.2%}，每词元 {compression:.2f} 个字符。</translation>
    </message>
</context>
<context>
    <name>RemovedView</name>
    <message>
        <location filename="../../workbench/gui/preprocess_removed.py" line="+79"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+23"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept document</source>
        <translation>保留的文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copies set aside</source>
        <translation>被搁置的副本</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Group duplicates by cluster</source>
        <translation>按重复簇分组</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>All reasons</source>
        <translation>所有原因</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} document(s) set aside; none was deleted.</source>
        <translation>{count} 篇文档被搁置；没有删除任何文档。</translation>
    </message>
</context>
<context>
    <name>StatsView</name>
    <message>
        <location filename="../../workbench/gui/preprocess_stats.py" line="+25"/>
        <source>Run the pipeline to see statistics.</source>
        <translation>运行流水线后可查看统计。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document length (characters, log scale)</source>
        <translation>文档长度（字符，对数刻度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens per document (log scale)</source>
        <translation>每篇文档的词元数（对数刻度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token rank / frequency (log-log)</source>
        <translation>词元排名 / 频次（双对数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels before / after</source>
        <translation>处理前 / 后的标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents before / after each step</source>
        <translation>各步骤前 / 后的文档数</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+31"/>
        <source>before</source>
        <translation>处理前</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+31"/>
        <source>after</source>
        <translation>处理后</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{n} distinct tokens</source>
        <translation>{n} 个不同词元</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>in</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>out</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>log10</source>
        <translation>log10</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <location filename="../../workbench/gui/train_tab.py" line="+71"/>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context length:</source>
        <translation>上下文长度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden size:</source>
        <translation>隐藏层维度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layers:</source>
        <translation>层数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heads:</source>
        <translation>注意力头数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log every (steps):</source>
        <translation>日志间隔（步）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validate every (steps):</source>
        <translation>验证间隔（步）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+98"/>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Tokens/s: –</source>
        <translation>词元/秒：–</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The corpus is not encoded yet. Encode it in the Corpus tab first.</source>
        <translation>语料尚未编码。请先在“语料”标签页中编码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hidden size {hidden} is not divisible by {heads} heads; change one of them.</source>
        <translation>隐藏层维度 {hidden} 不能被注意力头数 {heads} 整除，请修改其中之一。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stopping after the current step…</source>
        <translation>将在当前步完成后停止…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run {run}: {parameters} parameters.</source>
        <translation>运行 {run}：{parameters} 个参数。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Tokens/s: {rate}</source>
        <translation>词元/秒：{rate}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step {step} of {total}</source>
        <translation>第 {step} / {total} 步</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Run {run} stopped at step {step}: validation loss {loss:.4f}. Checkpoint: {path}</source>
        <translation>运行 {run} 在第 {step} 步停止：验证损失 {loss:.4f}。检查点：{path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run {run} finished at step {step}: validation loss {loss:.4f}. Checkpoint: {path}</source>
        <translation>运行 {run} 在第 {step} 步完成：验证损失 {loss:.4f}。检查点：{path}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
</context>
</TS>
