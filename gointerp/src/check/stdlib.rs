//! The standard library's declarations as the checker sees them, written as Go
//! declarations without bodies and read by the same parser as the learner's program.
//!
//! Only what the checked subset offers is declared; using anything else from these
//! packages is `undefined: strings.Foo`, and importing another package is an error
//! saying that Leak Lab does not run it. Unexported fields are kept where `go build`
//! mentions them (`but does have unexported field ctx`) or `go vet` walks them
//! (`sync.WaitGroup contains sync.noCopy`), in Go 1.24's order.

/// An importable package: its path, its name and its declarations.
pub struct StdPackage {
    /// The import path.
    pub path: &'static str,
    /// The package name.
    pub name: &'static str,
    /// Go declarations (a `package` clause first).
    pub src: &'static str,
}

/// Every package a program may import, in an order where each one's dependencies
/// come before it.
pub const PACKAGES: &[StdPackage] = &[
    StdPackage {
        path: "errors",
        name: "errors",
        src: r#"package errors
func New(text string) error
func Is(err, target error) bool
func As(err error, target any) bool
func Unwrap(err error) error
func Join(errs ...error) error
"#,
    },
    StdPackage {
        path: "math",
        name: "math",
        // The constants as Go's math/const.go writes them, exact (hexadecimal floats
        // spelled as powers of two).
        src: r#"package math
const (
	E = 2.71828182845904523536028747135266249775724709369995957496696763
	Pi = 3.14159265358979323846264338327950288419716939937510582097494459
	Sqrt2 = 1.41421356237309504880168872420969807856967187537694807317667974
	Ln2 = 0.693147180559945309417232121458176568075500134360255254120680009
	Log2E = 1 / Ln2
	Ln10 = 2.30258509299404568401799145468436420760110148862877297603332790
	Log10E = 1 / Ln10
	MaxFloat64 = 1.0 * (1 << 511) * (1 << 511) * 2 * (1 + (1 - 1.0/(1<<52)))
	SmallestNonzeroFloat64 = 1.0 / (1 << 511) / (1 << 511) / (1 << 52)
	MaxInt = 1<<63 - 1
	MinInt = -1 << 63
	MaxInt8 = 1<<7 - 1
	MinInt8 = -1 << 7
	MaxInt16 = 1<<15 - 1
	MinInt16 = -1 << 15
	MaxInt32 = 1<<31 - 1
	MinInt32 = -1 << 31
	MaxInt64 = 1<<63 - 1
	MinInt64 = -1 << 63
	MaxUint = 1<<64 - 1
	MaxUint8 = 1<<8 - 1
	MaxUint16 = 1<<16 - 1
	MaxUint32 = 1<<32 - 1
	MaxUint64 = 1<<64 - 1
)
func Sqrt(x float64) float64
func Floor(x float64) float64
func Ceil(x float64) float64
func Trunc(x float64) float64
func Round(x float64) float64
func Abs(x float64) float64
func Max(x, y float64) float64
func Min(x, y float64) float64
func Mod(x, y float64) float64
func Pow(x, y float64) float64
func Exp(x float64) float64
func Log(x float64) float64
func Log2(x float64) float64
func Log10(x float64) float64
func Ldexp(frac float64, exp int) float64
func Frexp(f float64) (frac float64, exp int)
func Copysign(f, sign float64) float64
func Signbit(x float64) bool
func Inf(sign int) float64
func NaN() float64
func IsNaN(f float64) (is bool)
func IsInf(f float64, sign int) bool
"#,
    },
    StdPackage {
        path: "io",
        name: "io",
        src: r#"package io
type Reader interface { Read(p []byte) (n int, err error) }
type Writer interface { Write(p []byte) (n int, err error) }
type Closer interface { Close() error }
type ReadCloser interface { Reader; Closer }
type ReadWriter interface { Reader; Writer }
func ReadAll(r Reader) ([]byte, error)
func WriteString(w Writer, s string) (n int, err error)
func Copy(dst Writer, src Reader) (written int64, err error)
var EOF error
var Discard Writer
"#,
    },
    StdPackage {
        path: "time",
        name: "time",
        src: r#"package time
type Duration int64
const (
	Nanosecond Duration = 1
	Microsecond = 1000 * Nanosecond
	Millisecond = 1000 * Microsecond
	Second = 1000 * Millisecond
	Minute = 60 * Second
	Hour = 60 * Minute
)
func (d Duration) String() string
func (d Duration) Seconds() float64
func (d Duration) Milliseconds() int64
func (d Duration) Minutes() float64
func (d Duration) Hours() float64
func (d Duration) Microseconds() int64
func (d Duration) Nanoseconds() int64
func (d Duration) Round(m Duration) Duration
func (d Duration) Truncate(m Duration) Duration
func (d Duration) Abs() Duration
type Time struct { wall uint64; ext int64 }
func (t Time) Sub(u Time) Duration
func (t Time) Add(d Duration) Time
func (t Time) After(u Time) bool
func (t Time) Before(u Time) bool
func (t Time) Equal(u Time) bool
func (t Time) Compare(u Time) int
func (t Time) IsZero() bool
func (t Time) String() string
func (t Time) Format(layout string) string
func (t Time) Unix() int64
func Now() Time
func Since(t Time) Duration
func Until(t Time) Duration
func Sleep(d Duration)
func After(d Duration) <-chan Time
func Tick(d Duration) <-chan Time
type Timer struct { C <-chan Time; initTimer bool }
func NewTimer(d Duration) *Timer
func AfterFunc(d Duration, f func()) *Timer
func (t *Timer) Stop() bool
func (t *Timer) Reset(d Duration) bool
type Ticker struct { C <-chan Time; initTicker bool }
func NewTicker(d Duration) *Ticker
func (t *Ticker) Stop()
func (t *Ticker) Reset(d Duration)
func ParseDuration(s string) (Duration, error)
const RFC3339 = "2006-01-02T15:04:05Z07:00"
"#,
    },
    StdPackage {
        path: "context",
        name: "context",
        src: r#"package context
type Context interface {
	Deadline() (deadline time.Time, ok bool)
	Done() <-chan struct{}
	Err() error
	Value(key any) any
}
type CancelFunc func()
type CancelCauseFunc func(cause error)
func Background() Context
func TODO() Context
func WithCancel(parent Context) (ctx Context, cancel CancelFunc)
func WithCancelCause(parent Context) (ctx Context, cancel CancelCauseFunc)
func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc)
func WithDeadline(parent Context, d time.Time) (Context, CancelFunc)
func WithValue(parent Context, key, val any) Context
func WithoutCancel(parent Context) Context
func Cause(c Context) error
var Canceled error
var DeadlineExceeded error
"#,
    },
    StdPackage {
        path: "fmt",
        name: "fmt",
        src: r#"package fmt
type Stringer interface { String() string }
func Print(a ...any) (n int, err error)
func Println(a ...any) (n int, err error)
func Printf(format string, a ...any) (n int, err error)
func Sprint(a ...any) string
func Sprintln(a ...any) string
func Sprintf(format string, a ...any) string
func Fprint(w io.Writer, a ...any) (n int, err error)
func Fprintln(w io.Writer, a ...any) (n int, err error)
func Fprintf(w io.Writer, format string, a ...any) (n int, err error)
func Errorf(format string, a ...any) error
"#,
    },
    StdPackage {
        path: "log",
        name: "log",
        src: r#"package log
func Print(v ...any)
func Println(v ...any)
func Printf(format string, v ...any)
func Fatal(v ...any)
func Fatalln(v ...any)
func Fatalf(format string, v ...any)
func Panic(v ...any)
func Panicln(v ...any)
func Panicf(format string, v ...any)
func SetFlags(flag int)
func SetPrefix(prefix string)
const (
	Ldate = 1
	Ltime = 2
	Lmicroseconds = 4
	Llongfile = 8
	Lshortfile = 16
	LUTC = 32
	Lmsgprefix = 64
	LstdFlags = 3
)
"#,
    },
    StdPackage {
        path: "strings",
        name: "strings",
        src: r#"package strings
func Contains(s, substr string) bool
func HasPrefix(s, prefix string) bool
func HasSuffix(s, suffix string) bool
func Index(s, substr string) int
func Fields(s string) []string
func Split(s, sep string) []string
func Join(elems []string, sep string) string
func Repeat(s string, count int) string
func Replace(s, old, new string, n int) string
func ReplaceAll(s, old, new string) string
func ToLower(s string) string
func ToUpper(s string) string
func TrimSpace(s string) string
func TrimPrefix(s, prefix string) string
func TrimSuffix(s, suffix string) string
func EqualFold(s, t string) bool
type Builder struct { addr *Builder; buf []byte }
func (b *Builder) WriteString(s string) (int, error)
func (b *Builder) String() string
func (b *Builder) Len() int
"#,
    },
    StdPackage {
        path: "strconv",
        name: "strconv",
        src: r#"package strconv
func Itoa(i int) string
func Atoi(s string) (int, error)
func Quote(s string) string
func FormatInt(i int64, base int) string
func FormatUint(i uint64, base int) string
func ParseUint(s string, base int, bitSize int) (uint64, error)
func ParseInt(s string, base int, bitSize int) (i int64, err error)
func ParseBool(str string) (bool, error)
func FormatBool(b bool) string
func ParseFloat(s string, bitSize int) (float64, error)
func FormatFloat(f float64, fmt byte, prec, bitSize int) string
"#,
    },
    StdPackage {
        path: "sync",
        name: "sync",
        src: r#"package sync
type noCopy struct{}
func (*noCopy) Lock()
func (*noCopy) Unlock()
type Locker interface { Lock(); Unlock() }
type Mutex struct { _ noCopy; state int32; sema uint32 }
func (m *Mutex) Lock()
func (m *Mutex) Unlock()
func (m *Mutex) TryLock() bool
type RWMutex struct { w Mutex; writerSem uint32; readerSem uint32 }
func (rw *RWMutex) Lock()
func (rw *RWMutex) Unlock()
func (rw *RWMutex) RLock()
func (rw *RWMutex) RUnlock()
type WaitGroup struct { noCopy noCopy; state uint64; sema uint32 }
func (wg *WaitGroup) Add(delta int)
func (wg *WaitGroup) Done()
func (wg *WaitGroup) Wait()
type Once struct { _ noCopy; done uint32; m Mutex }
func (o *Once) Do(f func())
"#,
    },
    StdPackage {
        path: "sync/atomic",
        name: "atomic",
        src: r#"package atomic
type noCopy struct{}
func (*noCopy) Lock()
func (*noCopy) Unlock()
type align64 struct{}
func AddInt32(addr *int32, delta int32) (new int32)
func AddInt64(addr *int64, delta int64) (new int64)
func AddUint32(addr *uint32, delta uint32) (new uint32)
func AddUint64(addr *uint64, delta uint64) (new uint64)
func LoadInt32(addr *int32) (val int32)
func LoadInt64(addr *int64) (val int64)
func LoadUint32(addr *uint32) (val uint32)
func LoadUint64(addr *uint64) (val uint64)
func StoreInt32(addr *int32, val int32)
func StoreInt64(addr *int64, val int64)
func StoreUint32(addr *uint32, val uint32)
func StoreUint64(addr *uint64, val uint64)
func SwapInt32(addr *int32, new int32) (old int32)
func SwapInt64(addr *int64, new int64) (old int64)
func SwapUint32(addr *uint32, new uint32) (old uint32)
func SwapUint64(addr *uint64, new uint64) (old uint64)
func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool)
func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool)
func CompareAndSwapUint32(addr *uint32, old, new uint32) (swapped bool)
func CompareAndSwapUint64(addr *uint64, old, new uint64) (swapped bool)
type Int32 struct { _ noCopy; v int32 }
func (x *Int32) Load() int32
func (x *Int32) Store(val int32)
func (x *Int32) Swap(new int32) (old int32)
func (x *Int32) CompareAndSwap(old, new int32) (swapped bool)
func (x *Int32) Add(delta int32) (new int32)
type Int64 struct { _ noCopy; _ align64; v int64 }
func (x *Int64) Load() int64
func (x *Int64) Store(val int64)
func (x *Int64) Swap(new int64) (old int64)
func (x *Int64) CompareAndSwap(old, new int64) (swapped bool)
func (x *Int64) Add(delta int64) (new int64)
type Uint32 struct { _ noCopy; v uint32 }
func (x *Uint32) Load() uint32
func (x *Uint32) Store(val uint32)
func (x *Uint32) Swap(new uint32) (old uint32)
func (x *Uint32) CompareAndSwap(old, new uint32) (swapped bool)
func (x *Uint32) Add(delta uint32) (new uint32)
type Uint64 struct { _ noCopy; _ align64; v uint64 }
func (x *Uint64) Load() uint64
func (x *Uint64) Store(val uint64)
func (x *Uint64) Swap(new uint64) (old uint64)
func (x *Uint64) CompareAndSwap(old, new uint64) (swapped bool)
func (x *Uint64) Add(delta uint64) (new uint64)
type Bool struct { _ noCopy; v uint32 }
func (x *Bool) Load() bool
func (x *Bool) Store(val bool)
func (x *Bool) Swap(new bool) (old bool)
func (x *Bool) CompareAndSwap(old, new bool) (swapped bool)
type Value struct { v interface{} }
func (v *Value) Load() (val interface{})
func (v *Value) Store(val interface{})
func (v *Value) Swap(new interface{}) (old interface{})
func (v *Value) CompareAndSwap(old, new interface{}) (swapped bool)
"#,
    },
    StdPackage {
        path: "os",
        name: "os",
        src: r#"package os
type Signal interface { String() string; Signal() }
type sig int
func (s sig) String() string
func (s sig) Signal()
var Interrupt Signal
var Kill Signal
func Exit(code int)
func Getenv(key string) string
type File struct { name string }
func (f *File) Write(b []byte) (n int, err error)
func (f *File) WriteString(s string) (n int, err error)
var Stdout *File
var Stderr *File
"#,
    },
    StdPackage {
        path: "os/signal",
        name: "signal",
        src: r#"package signal
func Notify(c chan<- os.Signal, sig ...os.Signal)
func Stop(c chan<- os.Signal)
"#,
    },
    StdPackage {
        path: "runtime",
        name: "runtime",
        src: r#"package runtime
func NumGoroutine() int
func Gosched()
func GC()
func NumCPU() int
func GOMAXPROCS(n int) int
"#,
    },
    StdPackage {
        path: "net/url",
        name: "url",
        src: r#"package url
type Values map[string][]string
func (v Values) Get(key string) string
func (v Values) Has(key string) bool
type URL struct { Scheme string; Host string; Path string; RawQuery string }
func (u *URL) Query() Values
func (u *URL) String() string
"#,
    },
    StdPackage {
        path: "net/http",
        name: "http",
        src: r#"package http
type Header map[string][]string
func (h Header) Set(key, value string)
func (h Header) Get(key string) string
func (h Header) Add(key, value string)
func (h Header) Del(key string)
type ResponseWriter interface {
	Header() Header
	Write([]byte) (int, error)
	WriteHeader(statusCode int)
}
type Request struct {
	Method string
	URL *url.URL
	Header Header
	Body io.ReadCloser
	Host string
	RemoteAddr string
	RequestURI string
	ctx context.Context
}
func (r *Request) Context() context.Context
func (r *Request) WithContext(ctx context.Context) *Request
type Response struct {
	Status string
	StatusCode int
	Header Header
	Body io.ReadCloser
	Request *Request
}
type Handler interface { ServeHTTP(ResponseWriter, *Request) }
type HandlerFunc func(ResponseWriter, *Request)
func (f HandlerFunc) ServeHTTP(w ResponseWriter, r *Request)
type ServeMux struct { mu sync.RWMutex }
func NewServeMux() *ServeMux
func (mux *ServeMux) Handle(pattern string, handler Handler)
func (mux *ServeMux) HandleFunc(pattern string, handler func(ResponseWriter, *Request))
func (mux *ServeMux) ServeHTTP(w ResponseWriter, r *Request)
var DefaultServeMux *ServeMux
func Handle(pattern string, handler Handler)
func HandleFunc(pattern string, handler func(ResponseWriter, *Request))
func ListenAndServe(addr string, handler Handler) error
func Error(w ResponseWriter, error string, code int)
func NotFound(w ResponseWriter, r *Request)
func StatusText(code int) string
type Server struct {
	Addr string
	Handler Handler
	ReadTimeout time.Duration
	ReadHeaderTimeout time.Duration
	WriteTimeout time.Duration
	IdleTimeout time.Duration
	mu sync.Mutex
}
func (srv *Server) ListenAndServe() error
func (srv *Server) Shutdown(ctx context.Context) error
func (srv *Server) Close() error
var ErrServerClosed error
type RoundTripper interface { RoundTrip(*Request) (*Response, error) }
type Transport struct {
	MaxIdleConns int
	MaxIdleConnsPerHost int
	MaxConnsPerHost int
	IdleConnTimeout time.Duration
	ResponseHeaderTimeout time.Duration
	DisableKeepAlives bool
	idleMu sync.Mutex
}
func (t *Transport) RoundTrip(req *Request) (*Response, error)
type Client struct { Transport RoundTripper; Timeout time.Duration }
func (c *Client) Do(req *Request) (*Response, error)
func (c *Client) Get(url string) (resp *Response, err error)
var DefaultClient *Client
func Get(url string) (resp *Response, err error)
func NewRequest(method, url string, body io.Reader) (*Request, error)
func NewRequestWithContext(ctx context.Context, method, url string, body io.Reader) (*Request, error)
const (
	MethodGet = "GET"
	MethodHead = "HEAD"
	MethodPost = "POST"
	MethodPut = "PUT"
	MethodPatch = "PATCH"
	MethodDelete = "DELETE"
)
const (
	StatusOK = 200
	StatusCreated = 201
	StatusAccepted = 202
	StatusNoContent = 204
	StatusBadRequest = 400
	StatusNotFound = 404
	StatusMethodNotAllowed = 405
	StatusRequestTimeout = 408
	StatusTooManyRequests = 429
	StatusInternalServerError = 500
	StatusBadGateway = 502
	StatusServiceUnavailable = 503
	StatusGatewayTimeout = 504
)
"#,
    },
    StdPackage { path: "net/http/pprof", name: "pprof", src: "package pprof\n" },
];
