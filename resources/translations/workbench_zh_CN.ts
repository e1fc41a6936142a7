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
        <location filename="../../workbench/gui/corpus_tab.py" line="+50"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+96"/>
        <source>Import text</source>
        <translation>导入文本</translation>
    </message>
    <message>
        <location line="-94"/>
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
        <location line="+26"/>
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
    <name>ExportAnnotationsDialog</name>
    <message>
        <location filename="../../workbench/gui/export_dialog.py" line="+41"/>
        <source>Export annotations</source>
        <translation>导出标注</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>all label sets</source>
        <translation>全部标签集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document labels from:</source>
        <translation>文档标签来自：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spans from:</source>
        <translation>片段来自：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CoNLL tags:</source>
        <translation>CoNLL 标签体系：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UTF-16 code units (doccano default)</source>
        <translation>UTF-16 码元（doccano 默认）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code points</source>
        <translation>码位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>doccano offsets:</source>
        <translation>doccano 偏移量：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSV/TSV label separator:</source>
        <translation>CSV/TSV 标签分隔符：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write Parquet (needs pyarrow) instead of JSONL</source>
        <translation>写出 Parquet（需要 pyarrow）而不是 JSONL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset folder:</source>
        <translation>数据集文件夹：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report:</source>
        <translation>报告：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Choose a folder for the export</source>
        <translation>为导出选择一个文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export annotations to</source>
        <translation>将标注导出到</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose where to save the export first.</source>
        <translation>请先选择导出的保存位置。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported {records} documents to {path}; {dropped} annotations could not be written (listed above).</source>
        <translation>已将 {records} 篇文档导出到 {path}；有 {dropped} 个标注无法写出（见上方列表）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../workbench/gui/import_dialog.py" line="+71"/>
        <location line="+99"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Format and options</source>
        <translation>格式与选项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detected:</source>
        <translation>检测结果：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none: every other field is metadata</source>
        <translation>无：其余字段都作为元数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none: one label per cell</source>
        <translation>无：每个单元格一个标签</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Text field or column:</source>
        <translation>文本字段或列：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label field or column:</source>
        <translation>标签字段或列：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label separator:</source>
        <translation>标签分隔符：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, for CSV, tab for TSV</source>
        <translation>CSV 为逗号，TSV 为制表符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV/TSV delimiter:</source>
        <translation>CSV/TSV 分隔符：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First row is a header</source>
        <translation>第一行是表头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No header row</source>
        <translation>没有表头行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV/TSV header:</source>
        <translation>CSV/TSV 表头：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One document per line</source>
        <translation>每行一篇文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One per blank-line-separated paragraph</source>
        <translation>以空行分隔，每段一篇</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One per file</source>
        <translation>每个文件一篇</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain text:</source>
        <translation>纯文本：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By script (no spaces for Chinese)</source>
        <translation>按文字判断（中文不加空格）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With spaces</source>
        <translation>用空格连接</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Without spaces</source>
        <translation>不加空格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CoNLL tokens joined:</source>
        <translation>CoNLL 词元连接方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-16 code units (doccano default)</source>
        <translation>UTF-16 码元（doccano 默认）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code points</source>
        <translation>码位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>doccano offsets:</source>
        <translation>doccano 偏移量：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Label set for document labels:</source>
        <translation>文档标签所属标签集：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label set for spans:</source>
        <translation>片段所属标签集：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format default</source>
        <translation>按格式默认</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Merge into the stored document</source>
        <translation>合并到已存储的文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store again</source>
        <translation>再存一份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate texts:</source>
        <translation>重复文本：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preview of the first records:</source>
        <translation>前几条记录预览：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spans</source>
        <translation>片段</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report:</source>
        <translation>报告：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>If any record is invalid, import nothing</source>
        <translation>只要有记录无效，就什么都不导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import the valid records (one transaction)</source>
        <translation>导入有效记录（一个事务）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import a folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{format}; {encoding}</source>
        <translation>{format}；{encoding}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Showing the first {count} records of {path}. Press Check to read every record.</source>
        <translation>显示 {path} 的前 {count} 条记录。点击“检查”可读取全部记录。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Checking every record…</source>
        <translation>正在检查全部记录…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{records} records: {documents} new documents, {merged} merged duplicates, {labels} document labels, {spans} spans, {blank} blank lines skipped, {errors} errors.</source>
        <translation>{records} 条记录：新增 {documents} 篇文档，合并 {merged} 条重复，{labels} 个文档标签，{spans} 个片段，跳过 {blank} 个空行，{errors} 个错误。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Check: {summary} Nothing was stored.</source>
        <translation>检查结果：{summary} 未存储任何内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported: {summary}</source>
        <translation>已导入：{summary}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was imported because {errors} records or annotations are invalid (listed above). Fix them, or choose to import the valid records.</source>
        <translation>有 {errors} 条记录或标注无效（见上方列表），因此没有导入任何内容。请修正它们，或选择导入有效记录。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stopped; nothing was stored.</source>
        <translation>已停止，未存储任何内容。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
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
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export &amp;annotations…</source>
        <translation>导出标注(&amp;A)…</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+16"/>
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
        <location line="+42"/>
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
