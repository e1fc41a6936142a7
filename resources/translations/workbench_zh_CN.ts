<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../workbench/gui/help_about.py" line="+23"/>
        <source>available: CUDA {version}, {devices}</source>
        <translation>可用：CUDA {version}，{devices}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not available (built for CUDA {version}, but no GPU or driver found)</source>
        <translation>不可用（为 CUDA {version} 构建，但未找到 GPU 或驱动）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not available (a CPU-only build of torch)</source>
        <translation>不可用（torch 为仅 CPU 版本）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Operating system</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location line="+11"/>
        <source>About LM Workbench</source>
        <translation>关于 LM Workbench</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h2&gt;LM Workbench {version}&lt;/h2&gt;&lt;p&gt;Label text, prepare a corpus, train a small Transformer and look inside it, offline.&lt;/p&gt;&lt;p&gt;MIT licence.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;LM Workbench（语言模型工作台）{version}&lt;/h2&gt;&lt;p&gt;离线标注文本、准备语料、训练小型 Transformer 并查看其内部。&lt;/p&gt;&lt;p&gt;MIT 许可证。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy versions</source>
        <translation>复制版本信息</translation>
    </message>
</context>
<context>
    <name>AnnotateTab</name>
    <message>
        <location filename="../../workbench/gui/annotate_tab.py" line="+223"/>
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
        <location line="+76"/>
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
        <location line="+29"/>
        <source>Any label</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any annotator</source>
        <translation>任意标注者</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{count} document(s)</source>
        <translation>{count} 篇文档</translation>
    </message>
    <message>
        <location line="+73"/>
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
        <location line="+139"/>
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
        <location line="-286"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../workbench/gui/app.py" line="+182"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>AttentionTab</name>
    <message>
        <location filename="../../workbench/gui/attention_tab.py" line="+97"/>
        <source>Type a text to inspect, e.g. 春眠不觉晓，处处闻啼鸟。</source>
        <translation>输入要查看的文本，例如：春眠不觉晓，处处闻啼鸟。</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+64"/>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Head:</source>
        <translation>注意力头：</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Run {run}, step {step}, validation loss {loss}</source>
        <translation>运行 {run}，第 {step} 步，验证损失 {loss}</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>No document is open in the Annotate tab.</source>
        <translation>标注页中没有打开的文档。</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>No checkpoint yet. Train a model in the Train tab first.</source>
        <translation>还没有检查点。请先在“训练”标签页中训练模型。</translation>
    </message>
    <message>
        <location line="-230"/>
        <source>A saved checkpoint, or a snapshot of a model that is training now</source>
        <translation>已保存的检查点，或正在训练的模型的快照</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update list</source>
        <translation>更新列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List new checkpoints and runs that started training</source>
        <translation>列出新的检查点和已开始训练的运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh snapshot</source>
        <translation>刷新快照</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the training model&apos;s current weights and show them; training goes on</source>
        <translation>复制训练中模型的当前权重并显示；训练继续进行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh every</source>
        <translation>自动刷新，每</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Head view</source>
        <translation>注意力头视图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model view</source>
        <translation>模型视图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Head statistics</source>
        <translation>注意力头统计</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One head</source>
        <translation>单个注意力头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean over heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rollout up to the layer</source>
        <translation>累积到该层的注意力（rollout）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollout multiplies the layers&apos; head means, each mixed half and half with the identity for the residual connection: how much each token feeds each position after that layer.</source>
        <translation>注意力累积（rollout）把各层的头平均值逐层相乘，每层先与单位矩阵各占一半混合以表示残差连接：表示在该层之后每个词元对每个位置的贡献。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save image…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save weights…</source>
        <translation>保存权重…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All layers and heads as a NumPy .npy array or a CSV table</source>
        <translation>所有层和注意力头，保存为 NumPy .npy 数组或 CSV 表格</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Move the mouse over the heatmap to read a weight; click a token to outline its row and column.</source>
        <translation>将鼠标移到热力图上可查看权重；点击词元可标出其所在的行和列。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Run {run}, training now (snapshot)</source>
        <translation>运行 {run}，正在训练（快照）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(fine-tuned: {task})</source>
        <translation>（微调：{task}）</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Waiting for the next training step of run {run}…</source>
        <translation>正在等待运行 {run} 的下一个训练步…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Snapshot of run {run} at step {step} loaded; type a text to inspect.</source>
        <translation>已载入运行 {run} 第 {step} 步的快照；请输入要查看的文本。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Type a text to inspect first.</source>
        <translation>请先输入要查看的文本。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Computing the attention…</source>
        <translation>正在计算注意力…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{tokens} tokens; {layers} layers × {heads} heads (counted from 0).</source>
        <translation>{tokens} 个词元；{layers} 层 × {heads} 个头（从 0 开始编号）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Snapshot of run {run} at step {step}.</source>
        <translation>运行 {run} 第 {step} 步的快照。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The text has {total} tokens; the model&apos;s context shows the first {shown}.</source>
        <translation>该文本有 {total} 个词元；受模型上下文长度限制，只显示前 {shown} 个。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>query {q} “{qt}” → key {k} “{kt}”: {weight:.4f}</source>
        <translation>查询 {q}“{qt}”→ 键 {k}“{kt}”：{weight:.4f}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Selection cleared.</source>
        <translation>已取消选择。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Token {i} “{token}”: its row shows what it attends to (most: “{top}”, {weight:.4f}); its column shows which later tokens attend to it.</source>
        <translation>词元 {i}“{token}”：其行显示它关注的词元（最多：“{top}”，{weight:.4f}）；其列显示哪些后续词元关注它。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save the view as an image</source>
        <translation>将视图保存为图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not write {path}; choose a folder you can write to.</source>
        <translation>无法写入 {path}；请选择一个可写的文件夹。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved the view to {path}</source>
        <translation>已将视图保存到 {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the attention weights</source>
        <translation>保存注意力权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NumPy array (*.npy);;CSV table (*.csv)</source>
        <translation>NumPy 数组 (*.npy);;CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved weights of shape {shape} (layer, head, query, key) to {path}</source>
        <translation>已将形状为 {shape}（层、头、查询、键）的权重保存到 {path}</translation>
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
    <name>DocsDialog</name>
    <message>
        <location filename="../../workbench/gui/help_docs.py" line="+43"/>
        <source>LM Workbench user guide</source>
        <translation>LM Workbench 用户指南</translation>
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
    <name>ExportModelDialog</name>
    <message>
        <location filename="../../workbench/gui/export_model_dialog.py" line="+46"/>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Run {run}, step {step}, validation loss {loss}</source>
        <translation>运行 {run}，第 {step} 步，验证损失 {loss}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hugging Face folder (transformers)</source>
        <translation>Hugging Face 文件夹（transformers）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ONNX (onnxruntime)</source>
        <translation>ONNX（onnxruntime）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A new or empty folder</source>
        <translation>新的或空的文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose an empty folder for the export</source>
        <translation>为导出选择一个空文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This project has no run with a checkpoint yet. Train a model first.</source>
        <translation>此项目还没有带检查点的运行。请先训练一个模型。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ONNX export needs the packages {names}. Install them with: {hint}</source>
        <translation>ONNX 导出需要以下软件包：{names}。安装命令：{hint}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{path} exists and is not an empty folder. Choose a new folder or empty it first.</source>
        <translation>{path} 已存在且不是空文件夹。请选择新文件夹或先清空它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export failed: {message}</source>
        <translation>导出失败：{message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Finishing the export before closing…</source>
        <translation>正在完成导出，然后关闭…</translation>
    </message>
</context>
<context>
    <name>FinetuneTab</name>
    <message>
        <location filename="../../workbench/gui/finetune_tab.py" line="+96"/>
        <source>Document classification</source>
        <translation>文档分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Span labelling (token classification)</source>
        <translation>片段标注（词元分类）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Last step</source>
        <translation>最后一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lowest validation loss</source>
        <translation>验证损失最低时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Best validation score</source>
        <translation>验证得分最高时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which weights the run saves: the last ones, or those of the best validation (score: accuracy, macro F1 for multi-label sets, entity F1 for spans)</source>
        <translation>运行保存哪一组权重：最后的权重，或验证结果最好时的权重（得分：准确率；多标签为宏平均 F1；片段为实体 F1）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label set:</source>
        <translation>标签集：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start from:</source>
        <translation>起点：</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>Max tokens per text:</source>
        <translation>每篇文本最多词元数：</translation>
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
        <source>Validation share:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validate every (steps):</source>
        <translation>验证间隔（步）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep weights of:</source>
        <translation>保留权重：</translation>
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
        <location line="+4"/>
        <source>Run whose evaluation is shown, evaluated or used to pre-annotate</source>
        <translation>显示评估结果、进行评估或用于预标注的运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evaluate the chosen run on its validation split: perplexity for language models, accuracy and F1 for classifiers</source>
        <translation>在验证集上评估所选运行：语言模型给出困惑度，分类器给出准确率和 F1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pre-annotate documents</source>
        <translation>预标注文档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the chosen run&apos;s predictions beside the human labels for review</source>
        <translation>把所选运行的预测写在人工标签旁边，供审阅</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Results of:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Label next (most uncertain first):</source>
        <translation>接下来标注（最不确定的在前）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Double-click a document to open it in the Annotate tab</source>
        <translation>双击文档，在“标注”标签页中打开</translation>
    </message>
    <message>
        <location line="+12"/>
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
        <location line="+3"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>true label</source>
        <translation>真实标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted label</source>
        <translation>预测标签</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Nothing (train from scratch)</source>
        <translation>无（从头训练）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Run {run} ({task}, {steps} steps)</source>
        <translation>运行 {run}（{task}，{steps} 步）</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>No label set fits this task. Create one and annotate documents in the Annotate tab.</source>
        <translation>没有适合此任务的标签集。请在“标注”标签页中创建标签集并标注文档。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hidden size {hidden} is not divisible by {heads} heads; change one of them.</source>
        <translation>隐藏层维度 {hidden} 不能被注意力头数 {heads} 整除，请修改其中之一。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Fine-tuning…</source>
        <translation>正在微调…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopping after the current step…</source>
        <translation>将在当前步完成后停止…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Run {run}: {train} training and {val} validation examples, {parameters} parameters.</source>
        <translation>运行 {run}：{train} 个训练样本，{val} 个验证样本，{parameters} 个参数。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Pre-annotating: {done} of {total} documents</source>
        <translation>正在预标注：{done} / {total} 篇文档</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Evaluated run {run}.</source>
        <translation>已评估运行 {run}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Run {run} stopped at step {step}. Checkpoint: {path}</source>
        <translation>运行 {run} 在第 {step} 步停止。检查点：{path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run {run} finished at step {step}. Checkpoint: {path}</source>
        <translation>运行 {run} 在第 {step} 步完成。检查点：{path}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Evaluation failed</source>
        <translation>评估失败</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pre-annotation failed</source>
        <translation>预标注失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuning failed</source>
        <translation>微调失败</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Evaluating run {run}…</source>
        <translation>正在评估运行 {run}…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pre-annotating with run {run}…</source>
        <translation>正在用运行 {run} 预标注…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{uncertainty:.2f}  #{doc}  {preview}</source>
        <translation>{uncertainty:.2f}  #{doc}  {preview}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{count} predicted spans</source>
        <translation>{count} 个预测片段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} predicted labels</source>
        <translation>{count} 个预测标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre-annotated {documents} documents with {written}; the Annotate tab shows them for review.</source>
        <translation>已为 {documents} 篇文档预标注 {written}；可在“标注”标签页中审阅。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Majority-label accuracy</source>
        <translation>多数类基线准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Macro F1</source>
        <translation>宏平均 F1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Micro F1</source>
        <translation>微平均 F1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exact match</source>
        <translation>完全匹配率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision (entities)</source>
        <translation>精确率（实体）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recall (entities)</source>
        <translation>召回率（实体）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F1 (entities)</source>
        <translation>F1（实体）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Validation examples</source>
        <translation>验证样本数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Validation tokens</source>
        <translation>验证词元数</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No confusion matrix for this task</source>
        <translation>此任务没有混淆矩阵</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Confusion matrix (colour: share of the true label)</source>
        <translation>混淆矩阵（颜色：占该真实标签的比例）</translation>
    </message>
</context>
<context>
    <name>GeneratePanel</name>
    <message>
        <location filename="../../workbench/gui/train_generate.py" line="+39"/>
        <source>Prompt (empty: start a new document)</source>
        <translation>提示词（留空则从新文档开始）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>0 always picks the most likely token</source>
        <translation>0 表示总是选择概率最高的词元</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sample among the k most likely tokens; 0 for all</source>
        <translation>在概率最高的 k 个词元中采样；0 表示不限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New tokens:</source>
        <translation>新词元数：</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>run {run}: latest (step {step})</source>
        <translation>运行 {run}：最新（第 {step} 步）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>run {run}: best (validation loss {loss:.4f})</source>
        <translation>运行 {run}：最佳（验证损失 {loss:.4f}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No checkpoint yet. Train a model first.</source>
        <translation>还没有检查点。请先训练一个模型。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} new tokens.</source>
        <translation>生成了 {count} 个新词元。</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <location filename="../../workbench/gui/attention_views.py" line="+64"/>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key</source>
        <translation>键</translation>
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
        <location line="+43"/>
        <source>{format}; {encoding}</source>
        <translation>{format}；{encoding}</translation>
    </message>
    <message>
        <location line="+11"/>
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
    <name>LogPane</name>
    <message>
        <location filename="../../workbench/gui/log_pane.py" line="+90"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Debug</source>
        <translation>调试</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show from:</source>
        <translation>最低级别：</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>… {count} older messages dropped</source>
        <translation>…… 已丢弃 {count} 条较早的消息</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../workbench/gui/main_window.py" line="+63"/>
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
        <location line="+1"/>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open or create a project to begin.</source>
        <translation>请打开或新建一个项目以开始。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some settings were invalid and were reset; see the log (View ▸ Log) for details.</source>
        <translation>部分设置无效，已恢复为默认值；详情见日志（视图 ▸ 日志）。</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Log</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;About LM Workbench</source>
        <translation>关于 LM Workbench(&amp;A)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+18"/>
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
        <location line="+20"/>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message numerus="yes">
        <location line="+58"/>
        <source>⚠ %n error(s) in the log</source>
        <translation>
            <numerusform>⚠ 日志中有 %n 个错误</numerusform>
        </translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Cannot save the settings: {error}</source>
        <translation>无法保存设置：{error}</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No font with Chinese glyphs is installed, so Chinese text shows as empty boxes. Install one, for example Noto Sans CJK (fonts-noto-cjk) or WenQuanYi Micro Hei (fonts-wqy-microhei) on Linux, then restart LM Workbench. This notice is shown once.</source>
        <translation>未安装含中文字形的字体，中文会显示为空方框。请安装一种字体，例如 Linux 上的 Noto Sans CJK（fonts-noto-cjk）或文泉驿微米黑（fonts-wqy-microhei），然后重新启动 LM Workbench。此提示只显示一次。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Until then the interface is in English.</source>
        <translation>在此之前，界面使用英文。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese font missing</source>
        <translation>缺少中文字体</translation>
    </message>
</context>
<context>
    <name>ModelView</name>
    <message>
        <location filename="../../workbench/gui/attention_views.py" line="+117"/>
        <source>Head {head}</source>
        <translation>头 {head}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Layer {layer}</source>
        <translation>层 {layer}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Layer {layer}, head {head}: click to open it in the head view</source>
        <translation>层 {layer}，头 {head}：点击在注意力头视图中打开</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <location line="+61"/>
        <source>Prediction of the fine-tuned run</source>
        <translation>微调运行的预测</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No prediction: {error}</source>
        <translation>无法预测：{error}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Predicted: {labels}</source>
        <translation>预测：{labels}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No label reaches a probability of 0.5.</source>
        <translation>没有标签的概率达到 0.5。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+11"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Predicted</source>
        <translation>已预测</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} spans found; offsets count code points, the end excluded.</source>
        <translation>找到 {count} 个片段；偏移按码位计算，不含结束位置。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No spans found in this text.</source>
        <translation>这段文本中没有找到片段。</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+0"/>
        <source>Score</source>
        <translation>得分</translation>
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
        <location line="+38"/>
        <source>Writes train.bin, val.bin and test.bin for the trainer; memory does not grow with the corpus.</source>
        <translation>为训练器写出 train.bin、val.bin 和 test.bin；内存占用不随语料规模增长。</translation>
    </message>
    <message>
        <location line="+49"/>
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
        <location filename="../../workbench/gui/preprocess_removed.py" line="+80"/>
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
        <location line="+22"/>
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
        <location line="-54"/>
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
    <name>RunsPanel</name>
    <message>
        <location filename="../../workbench/gui/train_runs.py" line="+49"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Best validation</source>
        <translation>最佳验证损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Notes on the selected run</source>
        <translation>所选运行的备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save notes</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume run</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue the selected run from its latest checkpoint</source>
        <translation>从最新检查点继续所选运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use its settings</source>
        <translation>使用其设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export metrics as CSV…</source>
        <translation>将指标导出为 CSV…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Settings and result:</source>
        <translation>设置与结果：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Notes saved for run {run}.</source>
        <translation>已保存运行 {run} 的备注。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Export metrics</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrote {count} metric rows to {path}.</source>
        <translation>已将 {count} 行指标写入 {path}。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../workbench/gui/settings_dialog.py" line="+42"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A new language takes effect when LM Workbench restarts.</source>
        <translation>新语言在 LM Workbench 重新启动后生效。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow the system (light or dark)</source>
        <translation>跟随系统（浅色或深色）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your name, stored with the labels you make</source>
        <translation>你的名字，随你的标注一起保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic (CUDA, then MPS, then CPU)</source>
        <translation>自动（依次选择 CUDA、MPS、CPU）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA（NVIDIA GPU）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MPS (Apple GPU)</source>
        <translation>MPS（Apple GPU）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic (bfloat16 where the device supports it)</source>
        <translation>自动（设备支持时使用 bfloat16）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotator name:</source>
        <translation>标注者姓名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Autosave every:</source>
        <translation>自动保存间隔：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training defaults</source>
        <translation>训练默认值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint every:</source>
        <translation>检查点间隔：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored in {path}</source>
        <translation>保存在 {path}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{device} – not available on this computer</source>
        <translation>{device} – 本机不可用</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Restart now?</source>
        <translation>现在重新启动？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language takes effect when LM Workbench restarts. Restart now?</source>
        <translation>新语言在 LM Workbench 重新启动后生效。现在重新启动吗？</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../workbench/gui/help_shortcuts.py" line="+43"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy as text</source>
        <translation>复制为文本</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+3"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Annotate</source>
        <translation>标注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply the label with that key to the current document</source>
        <translation>给当前文档加上该键对应的标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous / next document (with the text focused)</source>
        <translation>上一个 / 下一个文档（焦点在正文时）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up / Down</source>
        <translation>上 / 下</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the label typed in the new-label field</source>
        <translation>添加在新标签输入框中输入的标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Label “{name}”</source>
        <translation>标签“{name}”</translation>
    </message>
</context>
<context>
    <name>StatisticsTable</name>
    <message>
        <location filename="../../workbench/gui/attention_views.py" line="-96"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Head</source>
        <translation>头</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Entropy (nats)</source>
        <translation>熵（奈特）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean distance from diagonal</source>
        <translation>与对角线的平均距离</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share on first token</source>
        <translation>首个词元所占比例</translation>
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
    <name>TrainPlots</name>
    <message>
        <location filename="../../workbench/gui/train_plots.py" line="+120"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tokens/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+155"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-154"/>
        <location line="+155"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>Exponential moving average of the training loss, as in TensorBoard</source>
        <translation>训练损失的指数移动平均（与 TensorBoard 相同）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Grid</source>
        <translation>网格线</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>run {run}</source>
        <translation>运行 {run}</translation>
    </message>
</context>
<context>
    <name>TrainSettingsForm</name>
    <message>
        <location filename="../../workbench/gui/train_settings.py" line="+41"/>
        <source>Preset:</source>
        <translation>预设：</translation>
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
        <source>Context length:</source>
        <translation>上下文长度：</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>Gradient accumulation:</source>
        <translation>梯度累积：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final learning rate:</source>
        <translation>最终学习率：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up steps:</source>
        <translation>预热步数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight decay:</source>
        <translation>权重衰减：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam β1:</source>
        <translation>Adam β1：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam β2:</source>
        <translation>Adam β2：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient clipping (0 = off):</source>
        <translation>梯度裁剪（0 = 关闭）：</translation>
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
        <location line="+1"/>
        <source>Validation batches (0 = all):</source>
        <translation>验证批次数（0 = 全部）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint every (0 = at validation):</source>
        <translation>检查点间隔（0 = 每次验证时）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep best checkpoints:</source>
        <translation>保留最佳检查点数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Early-stopping patience (0 = off):</source>
        <translation>早停耐心（0 = 关闭）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum improvement:</source>
        <translation>最小改进量：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On NaN/inf loss:</source>
        <translation>损失为 NaN/inf 时：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after skipped steps in a row:</source>
        <translation>连续跳过多少步后停止：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>torch.compile</source>
        <translation>torch.compile 编译</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimization</source>
        <translation>优化</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Validation and checkpoints</source>
        <translation>验证与检查点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>tiny (CPU)</source>
        <translation>tiny（CPU）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>small (GPU, under 8 GiB)</source>
        <translation>small（GPU，8 GiB 以下）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base (GPU, 8 GiB or more)</source>
        <translation>base（GPU，8 GiB 及以上）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auto (bf16/fp16 on CUDA, else fp32)</source>
        <translation>自动（CUDA 上用 bf16/fp16，否则 fp32）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skip the step</source>
        <translation>跳过该步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stop training</source>
        <translation>停止训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <location filename="../../workbench/gui/train_tab.py" line="+79"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+78"/>
        <location line="+51"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens/s: –</source>
        <translation>词元/秒：–</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Runs</source>
        <translation>运行列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The corpus is not encoded yet. Encode it in the Corpus tab first.</source>
        <translation>语料尚未编码。请先在“语料”标签页中编码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+60"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Resuming run {run}…</source>
        <translation>正在继续运行 {run}…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Continuing…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pausing after the current step…</source>
        <translation>将在当前步之后暂停…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopping after the current step…</source>
        <translation>将在当前步完成后停止…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Paused at step {step}.</source>
        <translation>已在第 {step} 步暂停。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Step {step}: checkpoint saved to {path}</source>
        <translation>第 {step} 步：检查点已保存到 {path}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Device: {device} ({precision})</source>
        <translation>设备：{device}（{precision}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run {run}: {parameters} parameters.</source>
        <translation>运行 {run}：{parameters} 个参数。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tokens/s: {rate}</source>
        <translation>词元/秒：{rate}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step {step} of {total}</source>
        <translation>第 {step} / {total} 步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time left: about {eta}</source>
        <translation>剩余时间：约 {eta}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Run {run} finished at step {step}: validation loss {loss:.4f}.</source>
        <translation>运行 {run} 在第 {step} 步完成：验证损失 {loss:.4f}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run {run} stopped early at step {step}: validation loss {loss:.4f}.</source>
        <translation>运行 {run} 在第 {step} 步提前停止：验证损失 {loss:.4f}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run {run} stopped at step {step}: validation loss {loss:.4f}. Resume it from the run list.</source>
        <translation>运行 {run} 在第 {step} 步停止：验证损失 {loss:.4f}。可在运行列表中继续。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run {run} stopped at step {step} on a NaN/inf loss; the last good checkpoint is kept.</source>
        <translation>运行 {run} 在第 {step} 步因损失为 NaN/inf 而停止；已保留最后一个正常的检查点。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
</context>
</TS>
