// ipmi_dev: the thinnest possible binding to the Linux IPMI device interface
// (drivers/char/ipmi/ipmi_devintf.c, <linux/ipmi.h>) for `ipmits -I open`.
//
// Nothing of IPMI lives here. The TypeScript side (src/native/, src/transport/open.ts)
// encodes the kernel address structures, frames requests, picks message ids,
// matches replies, times out and retries. This file only moves bytes through
// open(2), ioctl(2) and poll(2), and reports errno values unchanged.
//
// Exports (all synchronous except wait):
//   abi                                  binding revision the TS side checks
//   open(path) -> fd                     O_RDWR | O_CLOEXEC
//   close(fd)
//   send(fd, addr, msgid, netfn, cmd, data)   IPMICTL_SEND_COMMAND
//   receive(fd) -> null | { recvType, addr, msgid, netfn, cmd, data, truncated }
//                                        IPMICTL_RECEIVE_MSG_TRUNC; null when the queue is empty
//   wait(fd, ms) -> Promise<boolean>     poll(2) for POLLIN on a worker thread; false on timeout
//   setMyAddress(fd, addr)               IPMICTL_SET_MY_ADDRESS_CMD
//   setMyLun(fd, lun)                    IPMICTL_SET_MY_LUN_CMD
//   notify(path, message)                one datagram to a unix socket: sd_notify(3) for
//                                        `watchdog run` under systemd (NOTIFY_SOCKET; a
//                                        leading '@' is the abstract namespace). Node has no
//                                        unix datagram sockets; added without an ABI bump
//                                        (the TS side checks that the function exists).
// Failures throw (or reject with) an Error carrying errno, syscall and strerror.

#include <napi.h>

#include <linux/ipmi.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>

namespace {

constexpr int kAbi = 1;
// Larger than any message the kernel delivers (IPMI_MAX_MSG_LENGTH is 272).
constexpr size_t kMaxData = 4096;

Napi::Error ErrnoError(Napi::Env env, int err, const char* syscall) {
  Napi::Error e = Napi::Error::New(env, std::string(syscall) + ": " + std::strerror(err));
  e.Set("errno", Napi::Number::New(env, err));
  e.Set("syscall", Napi::String::New(env, syscall));
  e.Set("strerror", Napi::String::New(env, std::strerror(err)));
  return e;
}

Napi::Value Throw(Napi::Env env, int err, const char* syscall) {
  ErrnoError(env, err, syscall).ThrowAsJavaScriptException();
  return env.Undefined();
}

Napi::Value TypeError(Napi::Env env, const char* what) {
  Napi::TypeError::New(env, what).ThrowAsJavaScriptException();
  return env.Undefined();
}

bool IntArg(const Napi::CallbackInfo& info, size_t i, int64_t* out) {
  if (info.Length() <= i || !info[i].IsNumber()) return false;
  *out = info[i].As<Napi::Number>().Int64Value();
  return true;
}

bool BytesArg(const Napi::CallbackInfo& info, size_t i, Napi::Uint8Array* out) {
  if (info.Length() <= i || !info[i].IsTypedArray()) return false;
  Napi::TypedArray t = info[i].As<Napi::TypedArray>();
  if (t.TypedArrayType() != napi_uint8_array) return false;
  *out = t.As<Napi::Uint8Array>();
  return true;
}

Napi::Value Open(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) return TypeError(env, "open(path: string)");
  std::string path = info[0].As<Napi::String>().Utf8Value();
  int fd;
  do fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return Throw(env, errno, "open");
  return Napi::Number::New(env, fd);
}

Napi::Value Close(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int64_t fd;
  if (!IntArg(info, 0, &fd)) return TypeError(env, "close(fd: number)");
  // Linux releases the descriptor even when close reports EINTR: never retry.
  if (::close(static_cast<int>(fd)) < 0 && errno != EINTR) return Throw(env, errno, "close");
  return env.Undefined();
}

Napi::Value Send(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int64_t fd, msgid, netfn, cmd;
  Napi::Uint8Array addr, data;
  if (!IntArg(info, 0, &fd) || !BytesArg(info, 1, &addr) || !IntArg(info, 2, &msgid) ||
      !IntArg(info, 3, &netfn) || !IntArg(info, 4, &cmd) || !BytesArg(info, 5, &data)) {
    return TypeError(env, "send(fd, addr: Uint8Array, msgid, netfn, cmd, data: Uint8Array)");
  }
  if (addr.ByteLength() > sizeof(struct ipmi_addr) || data.ByteLength() > 0xffff) {
    return TypeError(env, "send: address or data too long");
  }
  struct ipmi_addr a;
  std::memset(&a, 0, sizeof a);
  std::memcpy(&a, addr.Data(), addr.ByteLength());
  struct ipmi_req req;
  std::memset(&req, 0, sizeof req);
  req.addr = reinterpret_cast<unsigned char*>(&a);
  req.addr_len = static_cast<unsigned int>(addr.ByteLength());
  req.msgid = static_cast<long>(msgid);
  req.msg.netfn = static_cast<unsigned char>(netfn);
  req.msg.cmd = static_cast<unsigned char>(cmd);
  req.msg.data_len = static_cast<unsigned short>(data.ByteLength());
  req.msg.data = data.ByteLength() ? data.Data() : nullptr;
  int rv;
  do rv = ::ioctl(static_cast<int>(fd), IPMICTL_SEND_COMMAND, &req);
  while (rv < 0 && errno == EINTR);
  if (rv < 0) return Throw(env, errno, "ioctl(IPMICTL_SEND_COMMAND)");
  return env.Undefined();
}

Napi::Value Receive(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int64_t fd;
  if (!IntArg(info, 0, &fd)) return TypeError(env, "receive(fd: number)");
  struct ipmi_addr a;
  std::memset(&a, 0, sizeof a);
  unsigned char data[kMaxData];
  struct ipmi_recv recv;
  std::memset(&recv, 0, sizeof recv);
  recv.addr = reinterpret_cast<unsigned char*>(&a);
  recv.addr_len = sizeof a;
  recv.msg.data = data;
  recv.msg.data_len = sizeof data;
  bool truncated = false;
  int rv;
  do rv = ::ioctl(static_cast<int>(fd), IPMICTL_RECEIVE_MSG_TRUNC, &recv);
  while (rv < 0 && errno == EINTR);
  if (rv < 0) {
    if (errno == EAGAIN) return env.Null();  // nothing queued
    if (errno != EMSGSIZE) return Throw(env, errno, "ioctl(IPMICTL_RECEIVE_MSG_TRUNC)");
    truncated = true;  // the message was delivered, cut to the buffer
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("recvType", Napi::Number::New(env, recv.recv_type));
  out.Set("addr", Napi::Buffer<unsigned char>::Copy(env, reinterpret_cast<unsigned char*>(&a), recv.addr_len));
  out.Set("msgid", Napi::Number::New(env, static_cast<double>(recv.msgid)));
  out.Set("netfn", Napi::Number::New(env, recv.msg.netfn));
  out.Set("cmd", Napi::Number::New(env, recv.msg.cmd));
  out.Set("data", Napi::Buffer<unsigned char>::Copy(env, data, recv.msg.data_len));
  out.Set("truncated", Napi::Boolean::New(env, truncated));
  return out;
}

// poll(2) on a libuv worker thread, so the event loop never blocks.
class WaitWorker : public Napi::AsyncWorker {
 public:
  WaitWorker(Napi::Env env, int fd, int ms)
      : Napi::AsyncWorker(env, "ipmi_dev.wait"), deferred_(Napi::Promise::Deferred::New(env)), fd_(fd), ms_(ms) {}

  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    struct pollfd p;
    p.fd = fd_;
    p.events = POLLIN;
    p.revents = 0;
    int rv;
    do rv = ::poll(&p, 1, ms_);
    while (rv < 0 && errno == EINTR);
    if (rv < 0) {
      err_ = errno;
    } else if (rv > 0 && (p.revents & POLLNVAL)) {
      err_ = EBADF;
    } else if (rv > 0 && !(p.revents & POLLIN) && (p.revents & (POLLERR | POLLHUP))) {
      err_ = EIO;
    } else {
      ready_ = rv > 0;
    }
  }

  void OnOK() override {
    if (err_) deferred_.Reject(ErrnoError(Env(), err_, "poll").Value());
    else deferred_.Resolve(Napi::Boolean::New(Env(), ready_));
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  int fd_;
  int ms_;
  int err_ = 0;
  bool ready_ = false;
};

Napi::Value Wait(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  int64_t fd, ms;
  if (!IntArg(info, 0, &fd) || !IntArg(info, 1, &ms)) return TypeError(env, "wait(fd: number, ms: number)");
  if (ms < 0) ms = 0;
  if (ms > 0x7fffffff) ms = 0x7fffffff;
  auto* w = new WaitWorker(env, static_cast<int>(fd), static_cast<int>(ms));
  Napi::Promise p = w->Promise();
  w->Queue();
  return p;
}

Napi::Value SetUint(const Napi::CallbackInfo& info, unsigned long request, const char* name) {
  Napi::Env env = info.Env();
  int64_t fd, value;
  if (!IntArg(info, 0, &fd) || !IntArg(info, 1, &value)) return TypeError(env, "(fd: number, value: number)");
  unsigned int v = static_cast<unsigned int>(value);
  if (::ioctl(static_cast<int>(fd), request, &v) < 0) return Throw(env, errno, name);
  return env.Undefined();
}

Napi::Value SetMyAddress(const Napi::CallbackInfo& info) {
  return SetUint(info, IPMICTL_SET_MY_ADDRESS_CMD, "ioctl(IPMICTL_SET_MY_ADDRESS_CMD)");
}

Napi::Value SetMyLun(const Napi::CallbackInfo& info) {
  return SetUint(info, IPMICTL_SET_MY_LUN_CMD, "ioctl(IPMICTL_SET_MY_LUN_CMD)");
}

Napi::Value Notify(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsString()) return TypeError(env, "notify(path: string, message: string)");
  std::string path = info[0].As<Napi::String>();
  std::string message = info[1].As<Napi::String>();
  sockaddr_un sa{};
  sa.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof(sa.sun_path)) return Throw(env, EINVAL, "notify");
  std::memcpy(sa.sun_path, path.data(), path.size());
  if (path[0] == '@') sa.sun_path[0] = '\0';
  socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Throw(env, errno, "socket");
  ssize_t n = ::sendto(fd, message.data(), message.size(), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&sa), len);
  int err = n < 0 ? errno : 0;
  ::close(fd);
  if (err) return Throw(env, err, "sendto");
  return env.Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("abi", Napi::Number::New(env, kAbi));
  exports.Set("open", Napi::Function::New(env, Open, "open"));
  exports.Set("close", Napi::Function::New(env, Close, "close"));
  exports.Set("send", Napi::Function::New(env, Send, "send"));
  exports.Set("receive", Napi::Function::New(env, Receive, "receive"));
  exports.Set("wait", Napi::Function::New(env, Wait, "wait"));
  exports.Set("setMyAddress", Napi::Function::New(env, SetMyAddress, "setMyAddress"));
  exports.Set("setMyLun", Napi::Function::New(env, SetMyLun, "setMyLun"));
  exports.Set("notify", Napi::Function::New(env, Notify, "notify"));
  return exports;
}

}  // namespace

NODE_API_MODULE(ipmi_dev, Init)
