<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnnotateTab</name>
    <message>
        <source>%v of %m labelled</source>
        <translation type="vanished">已标注 %v / %m</translation>
    </message>
    <message>
        <location filename="../../workbench/gui/annotate_tab.py" line="+216"/>
        <source>Go to the next document after labelling</source>
        <translation>标注后跳到下一篇文档</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>New label name</source>
        <translation>新标签名称</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Labels and tasks…</source>
        <translation>标签与任务…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Annotator</source>
        <translation>标注者</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search text</source>
        <translation>搜索文本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not finished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flagged for review</source>
        <translation>已标记待复核</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Oldest first</source>
        <translation>最早的在前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Newest first</source>
        <translation>最新的在前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shortest first</source>
        <translation>最短的在前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Longest first</source>
        <translation>最长的在前</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%v of %m finished</source>
        <translation>已完成 %v / %m</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Previous</source>
        <translation>上一篇</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Up</source>
        <translation>Ctrl+Up</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next</source>
        <translation>下一篇</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Down</source>
        <translation>Ctrl+Down</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter: mark this document finished and go to the next</source>
        <translation>Enter：将本文档标为已完成并转到下一篇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Space</source>
        <translation>空格键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag for review</source>
        <translation>标记待复核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Snap span edges to whole words</source>
        <translation>片段边界对齐到整词</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End</source>
        <translation>终点</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete span</source>
        <translation>删除片段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete or Backspace</source>
        <translation>Delete 或 Backspace</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Spans</source>
        <translation>片段</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>one label</source>
        <translation>单标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>several labels</source>
        <translation>多标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>spans</source>
        <translation>片段</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Any label</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any annotator</source>
        <translation>任意标注者</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>{count} document(s)</source>
        <translation>{count} 篇文档</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{count} span(s). Select text and press a label key.</source>
        <translation>{count} 个片段。选中文本后按标签键。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Label: {name}</source>
        <translation>标签：{name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model prediction: {labels}</source>
        <translation>模型预测：{labels}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>flagged for review</source>
        <translation>已标记待复核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document {id}: {state}</source>
        <translation>文档 {id}：{state}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{skipped} skipped, {flagged} flagged for review</source>
        <translation>已跳过 {skipped} 篇，{flagged} 篇待复核</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Select some text first, or click a span to relabel it.</source>
        <translation>请先选中文本，或点击一个片段以更改其标签。</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing to redo.</source>
        <translation>没有可重做的操作。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Undid: {action}</source>
        <translation>已撤销：{action}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redid: {action}</source>
        <translation>已重做：{action}</translation>
    </message>
    <message>
        <location line="-272"/>
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
    <name>LabelSchemaDialog</name>
    <message>
        <location filename="../../workbench/gui/annotation_schema_dialog.py" line="+38"/>
        <source>Label schema</source>
        <translation>标签体系</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New task name</source>
        <translation>新任务名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document classification (one label)</source>
        <translation>文档分类（单标签）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document classification (several labels)</source>
        <translation>文档分类（多标签）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Span labelling (entities)</source>
        <translation>片段标注（实体）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create task</source>
        <translation>创建任务</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New label name</source>
        <translation>新标签名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save changes</source>
        <translation>保存更改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merge into</source>
        <translation>合并到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete label</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Selected label</source>
        <translation>所选标签</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Labels of task {name}</source>
        <translation>任务 {name} 的标签</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{key}  {name}  ({count} used)</source>
        <translation>{key}  {name}（已使用 {count} 次）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Used by {documents} document label(s) and {spans} span(s).</source>
        <translation>被 {documents} 个文档标签和 {spans} 个片段使用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete label and its {count} annotation(s)</source>
        <translation>删除标签及其 {count} 条标注</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Task {name} already exists; choose it in the Task list or pick another name.</source>
        <translation>任务 {name} 已存在；请在任务列表中选择它，或换一个名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created task {name}.</source>
        <translation>已创建任务 {name}。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Added label {name} on key {key}.</source>
        <translation>已添加标签 {name}，快捷键 {key}。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saved label {name}; {count} annotation(s) use it.</source>
        <translation>已保存标签 {name}；有 {count} 条标注使用它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Colour {color} is invalid; use a name such as teal or a hex code such as #4e79a7.</source>
        <translation>颜色 {color} 无效；请使用 teal 这样的名称或 #4e79a7 这样的十六进制代码。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Merged {source} into {target}: moved {documents} document label(s) and {spans} span(s).</source>
        <translation>已将 {source} 合并到 {target}：移动了 {documents} 个文档标签和 {spans} 个片段。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Deleted {name} with {documents} document label(s) and {spans} span(s); press Ctrl+Z in the Annotate tab to restore them.</source>
        <translation>已删除 {name} 及其 {documents} 个文档标签和 {spans} 个片段；在标注页按 Ctrl+Z 可恢复。</translation>
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
