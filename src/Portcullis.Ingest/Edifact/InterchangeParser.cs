using System.Text;

namespace Portcullis.Ingest.Edifact;

/// <summary>
/// The envelope state machine behind <see cref="EdifactReader"/>: takes the tokenizer's segments one
/// at a time and emits items. Interchange problems end the interchange and skip to the next UNA or
/// UNB; message problems reject the message and resume at the next UNH.
/// </summary>
internal sealed class InterchangeParser(EdifactTokenizer tokenizer, EdifactReaderOptions options)
{
    private readonly SegmentDecoder _decoder = new();
    private readonly MessageBuilder _message = new(options.MaxMessageBytes, options.MaxMessageBytesSetting);
    private readonly List<IngestIssue> _startWarnings = [];
    private List<IngestIssue> _laterWarnings = [];
    private Queue<InterchangeItem> _output = new();
    private InterchangeHeader? _header;
    private SyntaxLevel? _level;
    private bool _messageOpen;
    private bool _skipping;
    private bool _emittedAnything;
    private bool _bomReported;
    private InputPosition? _unaPosition;
    private int _messages;
    private int _groups;
    private bool _inGroup;
    private bool _directMessages;
    private string _groupReference = "";
    private int _groupMessages;

    private Encoding Encoding => _level?.Encoding ?? Encoding.Latin1;

    public void Process(Queue<InterchangeItem> output)
    {
        _output = output;
        var t = tokenizer;
        var at = new InputPosition(t.ByteOffset, t.Line, t.Column);
        if (t.SkippedByteOrderMark && !_bomReported)
        {
            _bomReported = true;
            _startWarnings.Add(IngestIssue.Warning(
                Envelope.ByteOrderMark,
                "The file starts with a UTF-8 byte-order mark, which EDIFACT does not use; send the file without it.",
                new InputPosition(0, 1, 1)));
        }

        switch (t.Status)
        {
            case SegmentStatus.ServiceStringAdvice:
                OnServiceStringAdvice(at);
                return;
            case SegmentStatus.TooLong:
                OnSegmentError("edifact.segment-too-long", $"A segment is longer than {options.MaxSegmentLength} bytes; shorten the data or ask for a higher limit.", at);
                return;
            case SegmentStatus.Unterminated:
                OnSegmentError("edifact.unterminated-segment", "The data ends inside a segment that has no segment terminator; end the segment with its terminator or send the rest of the file.", at);
                return;
            case SegmentStatus.ReleaseAtEnd:
                OnSegmentError("edifact.release-at-end", "The data ends with a release character that has nothing to release; remove it or send the rest of the file.", at);
                return;
        }

        var raw = t.Segment;
        if (!Envelope.IsValidTag(raw, t.Separators.Element))
        {
            OnSegmentError("edifact.tag", $"'{Envelope.Shown(raw)}' does not start with a segment tag of three uppercase letters or digits; correct the tag or the separator before it.", at);
            return;
        }

        var tag = _decoder.Tag(raw);
        if (tag == "UNB")
        {
            OnInterchangeHeader(at);
            return;
        }

        if (_header is null)
        {
            OnOutsideInterchange(tag, at);
            return;
        }

        var where = _messageOpen ? _message.Next(at) : at;
        if (t.IrregularWhitespaceBefore)
        {
            Warn(IngestIssue.Warning(Envelope.Whitespace, "Segments are separated by blank lines, spaces or tabs, which EDIFACT does not use; send one segment after another, at most one per line.", where));
        }

        var characterError = CheckCharacters(raw, where);
        switch (tag)
        {
            case "UNZ":
                OnInterchangeTrailer(at, characterError);
                break;
            case "UNG":
                OnGroupHeader(at, characterError);
                break;
            case "UNE":
                OnGroupTrailer(at, characterError);
                break;
            case "UNH":
                OnMessageHeader(at, characterError);
                break;
            case "UNT" when _messageOpen && !_message.IsStray:
                OnMessageTrailer(where, characterError);
                break;
            default:
                OnDataSegment(tag, where, characterError);
                break;
        }
    }

    public void Finish(Queue<InterchangeItem> output)
    {
        _output = output;
        var end = tokenizer.EndPosition;
        if (_header is not null)
        {
            CloseOpen("the end of the data");
            Fail("edifact.unz-missing", $"The data ends inside interchange {_header.ControlReference} without UNZ; send the complete file or end the interchange with UNZ.", end, skipRest: false);
        }
        else if (_unaPosition is { } una)
        {
            Emit(new InterchangeFailed(null, IngestIssue.Error("edifact.unb-missing", "UNA is not followed by UNB; start the interchange with UNB right after UNA.", una)));
        }
        else if (!_emittedAnything)
        {
            Emit(new InterchangeFailed(null, IngestIssue.Error("edifact.empty", "The input holds no EDIFACT interchange; send a file that starts with UNA or UNB.", end)));
        }
    }

    private void OnServiceStringAdvice(InputPosition at)
    {
        if (_header is not null)
        {
            CloseOpen("the next UNA");
            Fail("edifact.unz-missing", $"Interchange {_header.ControlReference} has no UNZ before the next UNA; end it with UNZ.", at, skipRest: false);
        }

        _skipping = false;
        if (Envelope.CheckServiceStringAdvice(tokenizer.Separators) is { } problem)
        {
            tokenizer.SetSeparators(SeparatorBytes.LevelA);
            tokenizer.ResetToDefaults();
            _skipping = true;
            _unaPosition = null;
            Emit(new InterchangeFailed(null, IngestIssue.Error("edifact.una-invalid", problem, at)));
            return;
        }

        _unaPosition = at;
    }

    private void OnInterchangeHeader(InputPosition at)
    {
        if (_header is not null)
        {
            CloseOpen("the next UNB");
            Fail("edifact.unz-missing", $"Interchange {_header.ControlReference} has no UNZ before the next UNB; end it with UNZ.", at, skipRest: false);
        }

        _skipping = false;
        _unaPosition = null;
        if (tokenizer.IrregularWhitespaceBefore)
        {
            _startWarnings.Add(IngestIssue.Warning(Envelope.Whitespace, "Segments are separated by blank lines, spaces or tabs, which EDIFACT does not use; send one segment after another, at most one per line.", at));
        }

        var result = InterchangeHeaderParser.Parse(tokenizer, _decoder, options.SenderTimeZone, at);
        if (result.Error is { } error)
        {
            _skipping = true;
            tokenizer.ResetToDefaults();
            _startWarnings.Clear();
            Emit(new InterchangeFailed(null, error));
            return;
        }

        _level = result.Level;
        _header = result.Header;
        _startWarnings.AddRange(result.Warnings);
        _messages = 0;
        _groups = 0;
        _inGroup = false;
        _directMessages = false;
        _laterWarnings = [];
        _messageOpen = false;
        Emit(new InterchangeStarted(_header!, [.. _startWarnings]));
        _startWarnings.Clear();
    }

    private void OnOutsideInterchange(string tag, InputPosition at)
    {
        if (_skipping)
        {
            if (tag == "UNZ")
            {
                _skipping = false;
                tokenizer.ResetToDefaults();
            }

            return;
        }

        _skipping = true;
        var fix = _unaPosition is null ? "start the interchange with UNB or remove the segment" : "put UNB right after UNA";
        _unaPosition = null;
        Emit(new InterchangeFailed(null, IngestIssue.Error("edifact.outside-interchange", $"Segment {tag} appears outside an interchange; {fix}.", at)));
    }

    private void OnInterchangeTrailer(InputPosition at, IngestIssue? characterError)
    {
        CloseOpen("UNZ");
        var header = _header!;
        if (characterError is not null)
        {
            Fail(characterError.Code, characterError.Message, at, skipRest: false);
            return;
        }

        if (_inGroup)
        {
            Fail("edifact.une-missing", $"Group {_groupReference} has no UNE before UNZ; end the group with UNE.", at, skipRest: false);
            return;
        }

        var (count, zeros) = Envelope.ParseCount(Get(0));
        var (expected, noun) = _groups > 0 ? (_groups, "groups") : (_messages, "messages");
        if (count is null)
        {
            Fail("edifact.count-invalid", $"UNZ count '{Get(0)}' is not a number; write the number of {noun} in digits.", at, skipRest: false);
        }
        else if (count != expected)
        {
            Fail("edifact.unz-count", $"UNZ says the interchange has {count} {noun} but it has {expected}; correct the count in UNZ.", at, skipRest: false);
        }
        else if (Get(1) != header.ControlReference)
        {
            Fail("edifact.unz-reference", $"UNZ refers to interchange '{Get(1)}' but UNB opened '{header.ControlReference}'; make the UNZ reference equal to the UNB control reference.", at, skipRest: false);
        }
        else
        {
            if (zeros)
            {
                Warn(LeadingZeros("UNZ", at));
            }

            Emit(new InterchangeEnded(header, _messages, _laterWarnings));
            _header = null;
            tokenizer.ResetToDefaults();
        }
    }

    private void OnGroupHeader(InputPosition at, IngestIssue? characterError)
    {
        CloseOpen("UNG");
        if (characterError is not null)
        {
            Fail(characterError.Code, characterError.Message, at, skipRest: true);
        }
        else if (_inGroup)
        {
            Fail("edifact.une-missing", $"Group {_groupReference} has no UNE before the next UNG; end the group with UNE.", at, skipRest: true);
        }
        else if (_directMessages)
        {
            Fail("edifact.group-mixed", "The interchange has messages both inside and outside UNG groups; put all of them in groups or none.", at, skipRest: true);
        }
        else
        {
            _inGroup = true;
            _groupReference = Get(4);
            _groupMessages = 0;
        }
    }

    private void OnGroupTrailer(InputPosition at, IngestIssue? characterError)
    {
        CloseOpen("UNE");
        var (count, zeros) = Envelope.ParseCount(Get(0));
        if (characterError is not null)
        {
            Fail(characterError.Code, characterError.Message, at, skipRest: true);
        }
        else if (!_inGroup)
        {
            Fail("edifact.une-unexpected", "UNE appears without an open UNG group; open the group with UNG or remove the UNE.", at, skipRest: true);
        }
        else if (count is null)
        {
            Fail("edifact.count-invalid", $"UNE count '{Get(0)}' is not a number; write the number of messages in the group in digits.", at, skipRest: true);
        }
        else if (count != _groupMessages)
        {
            Fail("edifact.une-count", $"UNE says group {_groupReference} has {count} messages but it has {_groupMessages}; correct the count in UNE.", at, skipRest: true);
        }
        else if (Get(1) != _groupReference)
        {
            Fail("edifact.une-reference", $"UNE refers to group '{Get(1)}' but UNG opened '{_groupReference}'; make the UNE reference equal to the UNG reference.", at, skipRest: true);
        }
        else
        {
            if (zeros)
            {
                Warn(LeadingZeros("UNE", at));
            }

            _inGroup = false;
            _groups++;
        }
    }

    private void OnMessageHeader(InputPosition at, IngestIssue? characterError)
    {
        CloseOpen("the next UNH");
        if (_inGroup)
        {
            _groupMessages++;
        }
        else if (_groups > 0)
        {
            Fail("edifact.group-mixed", "The interchange has messages both inside and outside UNG groups; put all of them in groups or none.", at, skipRest: true);
            return;
        }
        else
        {
            _directMessages = true;
        }

        _messages++;
        var segment = _decoder.Decode(tokenizer, "UNH", Encoding, at);
        var reference = segment.Get(0);
        var identifier = segment.ElementCount > 1 ? segment.Elements[1] : [];
        _message.StartMessage(reference, identifier, at);
        _messageOpen = true;
        var where = _message.Next(at);
        _message.Append(tokenizer.Segment, tokenizer.Separators.Segment, null, where);
        if (characterError is not null)
        {
            _message.Fail(characterError with { Position = where });
        }

        if (reference.Length == 0)
        {
            _message.Fail(IngestIssue.Error("edifact.unh-reference", "UNH has no message reference; give every message a reference in UNH element 0062.", where));
        }

        if (_message.Type is null || identifier.Length < 4)
        {
            _message.Fail(IngestIssue.Error("edifact.unh-type", "UNH does not identify the message type, version, release and agency; fill UNH element S009 (e.g. CUSCAR:D:95B:UN).", where));
        }
    }

    private void OnMessageTrailer(InputPosition where, IngestIssue? characterError)
    {
        _message.Append(tokenizer.Segment, tokenizer.Separators.Segment, null, where);
        if (characterError is not null)
        {
            _message.Fail(characterError);
        }

        var (count, zeros) = Envelope.ParseCount(Get(0));
        if (count is null)
        {
            _message.Fail(IngestIssue.Error("edifact.count-invalid", $"UNT count '{Get(0)}' is not a number; write the number of segments, UNH and UNT included, in digits.", where));
        }
        else if (count != _message.SegmentCount)
        {
            _message.Fail(IngestIssue.Error("edifact.unt-count", $"UNT says the message has {count} segments but it has {_message.SegmentCount}; correct the count in UNT.", where));
        }
        else if (zeros)
        {
            _message.Warn(LeadingZeros("UNT", where));
        }

        if (Get(1) != _message.Reference)
        {
            _message.Fail(IngestIssue.Error("edifact.unt-reference", $"UNT refers to message '{Get(1)}' but UNH opened '{_message.Reference}'; make the UNT reference equal to the UNH reference.", where));
        }

        EmitMessage();
    }

    private void OnDataSegment(string tag, InputPosition where, IngestIssue? characterError)
    {
        if (!_messageOpen)
        {
            _message.StartStray(where, IngestIssue.Error("edifact.segment-outside-message", $"Segment {tag} appears between messages; put it inside a UNH…UNT message or remove it.", where));
            _messageOpen = true;
        }

        EdifactSegment? segment = null;
        if (characterError is not null)
        {
            _message.Fail(characterError);
        }
        else if (!_message.IsStray && !_message.TooLarge)
        {
            segment = _decoder.Decode(tokenizer, tag, Encoding, where);
        }

        _message.Append(tokenizer.Segment, tokenizer.Separators.Segment, segment, where);
    }

    /// <summary>A segment the tokenizer could not split, or whose tag is unreadable.</summary>
    private void OnSegmentError(string code, string sentence, InputPosition at)
    {
        if (_header is null)
        {
            if (!_skipping)
            {
                _skipping = true;
                _unaPosition = null;
                Emit(new InterchangeFailed(null, IngestIssue.Error(code, sentence, at)));
            }

            return;
        }

        if (!_messageOpen)
        {
            _message.StartStray(at, IngestIssue.Error(code, sentence, at));
            _messageOpen = true;
        }

        var where = _message.Next(at);
        _message.Fail(IngestIssue.Error(code, sentence, where));
        _message.Append(tokenizer.Segment, tokenizer.Separators.Segment, null, where);
    }

    private IngestIssue? CheckCharacters(ReadOnlySpan<byte> raw, InputPosition where)
    {
        var problem = _level!.Check(raw, out var offset);
        if (problem is null)
        {
            return null;
        }

        if (problem == "lowercase")
        {
            Warn(IngestIssue.Warning(Envelope.LowercaseUnoa, "Lowercase letters appear under syntax UNOA, which allows only uppercase; declare UNOB or UNOC in UNB or send uppercase.", where));
            return null;
        }

        var column = (int)Math.Min(int.MaxValue, (long)where.Column + offset);
        return IngestIssue.Error("edifact.invalid-character", problem, where with { ByteOffset = where.ByteOffset + offset, Column = column });
    }

    /// <summary>Ends the open message (without UNT: rejected) or stray block before an envelope segment.</summary>
    private void CloseOpen(string before)
    {
        if (!_messageOpen)
        {
            return;
        }

        if (!_message.IsStray)
        {
            _message.Fail(IngestIssue.Error("edifact.unt-missing", $"Message {_message.Reference} has no UNT before {before}; end the message with UNT.", _message.Position));
        }

        EmitMessage();
    }

    private void EmitMessage()
    {
        _messageOpen = false;
        if (_message.Error is { } error)
        {
            Emit(new MessageRejected(_message.Reference, _message.Type, error, _message.RawText(Encoding)));
            return;
        }

        var id = _message.Identifier;
        string Part(int i) => i < id.Length ? id[i] : "";
        var message = new EdifactMessage(
            _message.Reference!,
            Part(0),
            Part(1),
            Part(2),
            Part(3),
            Part(4).Length == 0 ? null : Part(4),
            _header!,
            _message.Segments,
            _message.Position,
            _message.Warnings);
        Emit(new MessageRead(message));
    }

    private void Fail(string code, string sentence, InputPosition at, bool skipRest)
    {
        _messageOpen = false;
        Emit(new InterchangeFailed(_header, IngestIssue.Error(code, sentence, at)));
        _header = null;
        _skipping = skipRest;
        tokenizer.ResetToDefaults();
    }

    private void Warn(IngestIssue warning)
    {
        if (_messageOpen && !_message.IsStray)
        {
            _message.Warn(warning);
        }
        else if (!_laterWarnings.Exists(w => w.Code == warning.Code))
        {
            _laterWarnings.Add(warning);
        }
    }

    private static IngestIssue LeadingZeros(string tag, InputPosition at) =>
        IngestIssue.Warning(Envelope.LeadingZeros, $"The {tag} count has leading zeros; write the count without them.", at);

    /// <summary>The first component of an element of the current (service) segment, decoded.</summary>
    private string Get(int element) => _decoder.Decode(tokenizer, "", Encoding, new InputPosition(0, 1, 1)).Get(element);

    private void Emit(InterchangeItem item)
    {
        _emittedAnything = true;
        _output.Enqueue(item);
    }
}
