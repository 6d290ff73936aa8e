package io.stratacache.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Holds what the application writes instead of sending it, up to a body limit. Past the limit, or
 * on {@code sendError}, it spills: what it holds goes to the real response and the rest streams
 * through (the answer is then not cacheable). Used by one request thread.
 */
final class CapturingResponse extends HttpServletResponseWrapper {

  private final HttpServletResponse real;
  private final int limit;
  private final String xcache;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
  private final List<String> names = new ArrayList<>();
  private final List<String> values = new ArrayList<>();
  private int status = 200;
  private boolean spilled;
  private ServletOutputStream stream;
  private PrintWriter writer;
  private String contentType;

  CapturingResponse(HttpServletResponse real, int limit, String xcache) {
    super(real);
    this.real = real;
    this.limit = limit;
    this.xcache = xcache;
  }

  /** What was captured (the writer flushed). */
  Captured captured() {
    if (writer != null) {
      writer.flush();
    }
    return new Captured(
        status, List.copyOf(names), List.copyOf(values), buffer.toByteArray(), spilled);
  }

  private void spill() throws IOException {
    if (spilled) {
      return;
    }
    spilled = true;
    real.setStatus(status);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase("content-type")) {
        real.setContentType(values.get(i));
      } else if (!names.get(i).equalsIgnoreCase("content-length")) {
        real.addHeader(names.get(i), values.get(i));
      }
    }
    real.setHeader("X-Cache", xcache);
    buffer.writeTo(real.getOutputStream());
    buffer.reset();
  }

  private void remove(String name) {
    for (int i = names.size() - 1; i >= 0; i--) {
      if (names.get(i).equalsIgnoreCase(name)) {
        names.remove(i);
        values.remove(i);
      }
    }
  }

  @Override
  public void setStatus(int sc) {
    status = sc;
    if (spilled) {
      real.setStatus(sc);
    }
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    status = sc;
    spill();
    real.sendError(sc, msg);
  }

  @Override
  public void sendError(int sc) throws IOException {
    sendError(sc, null);
  }

  @Override
  public void sendRedirect(String location) {
    setStatus(302);
    setHeader("Location", location);
  }

  @Override
  public void setHeader(String name, String value) {
    if (spilled) {
      real.setHeader(name, value);
      return;
    }
    remove(name);
    if (value != null) {
      names.add(name);
      values.add(value);
    }
    if (name.equalsIgnoreCase("content-type")) {
      contentType = value;
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (spilled) {
      real.addHeader(name, value);
      return;
    }
    if (value != null) {
      names.add(name);
      values.add(value);
    }
    if (name.equalsIgnoreCase("content-type")) {
      contentType = value;
    }
  }

  @Override
  public void setIntHeader(String name, int value) {
    setHeader(name, Integer.toString(value));
  }

  @Override
  public void addIntHeader(String name, int value) {
    addHeader(name, Integer.toString(value));
  }

  @Override
  public void setDateHeader(String name, long date) {
    setHeader(name, SharedCachePolicy.formatDate(date));
  }

  @Override
  public void addDateHeader(String name, long date) {
    addHeader(name, SharedCachePolicy.formatDate(date));
  }

  @Override
  public boolean containsHeader(String name) {
    for (String n : names) {
      if (n.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String getHeader(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return values.get(i);
      }
    }
    return null;
  }

  @Override
  public Collection<String> getHeaders(String name) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        out.add(values.get(i));
      }
    }
    return out;
  }

  @Override
  public Collection<String> getHeaderNames() {
    return new ArrayList<>(new java.util.LinkedHashSet<>(names));
  }

  @Override
  public void setContentType(String type) {
    if (type != null) {
      setHeader("Content-Type", type);
    }
  }

  @Override
  public String getContentType() {
    return contentType;
  }

  @Override
  public void setCharacterEncoding(String charset) {
    if (contentType != null && charset != null && !contentType.contains("charset=")) {
      setHeader("Content-Type", contentType + ";charset=" + charset);
    }
  }

  @Override
  public String getCharacterEncoding() {
    if (contentType != null) {
      int i = contentType.toLowerCase().indexOf("charset=");
      if (i >= 0) {
        return contentType.substring(i + 8).trim();
      }
    }
    return StandardCharsets.UTF_8.name();
  }

  @Override
  public void setContentLength(int len) {}

  @Override
  public void setContentLengthLong(long len) {}

  @Override
  public void setBufferSize(int size) {}

  @Override
  public void flushBuffer() throws IOException {
    if (spilled) {
      real.flushBuffer();
    }
  }

  @Override
  public boolean isCommitted() {
    return spilled && real.isCommitted();
  }

  @Override
  public void reset() {
    if (spilled) {
      real.reset();
      return;
    }
    buffer.reset();
    names.clear();
    values.clear();
    status = 200;
    contentType = null;
  }

  @Override
  public void resetBuffer() {
    if (!spilled) {
      buffer.reset();
    }
  }

  @Override
  public ServletOutputStream getOutputStream() {
    if (stream == null) {
      stream = new Stream();
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() {
    if (writer == null) {
      writer =
          new PrintWriter(
              new OutputStreamWriter(getOutputStream(), Charset.forName(getCharacterEncoding())));
    }
    return writer;
  }

  private final class Stream extends ServletOutputStream {
    @Override
    public void write(int b) throws IOException {
      if (!spilled && buffer.size() + 1 > limit) {
        spill();
      }
      if (spilled) {
        real.getOutputStream().write(b);
      } else {
        buffer.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (!spilled && buffer.size() + len > limit) {
        spill();
      }
      if (spilled) {
        real.getOutputStream().write(b, off, len);
      } else {
        buffer.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      if (spilled) {
        real.getOutputStream().flush();
      }
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new UnsupportedOperationException("no asynchronous writes while capturing");
    }
  }
}
