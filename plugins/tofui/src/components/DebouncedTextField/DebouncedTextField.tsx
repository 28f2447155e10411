import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/**
 * A text filter (a labelled outlined field) applied 300 ms after the last
 * keystroke, trimmed; empty is `undefined`. Follows `value` when it changes
 * from outside (Back, a cleared filter).
 */
export const DebouncedTextField = ({
  id,
  label,
  placeholder,
  value,
  onChange,
}: {
  id: string;
  label: string;
  placeholder?: string;
  value?: string;
  onChange: (value?: string) => void;
}) => {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useDebounce(
    () => {
      if ((value ?? '') !== text.trim()) onChange(text.trim() || undefined);
    },
    300,
    [text],
  );
  return (
    <TextField
      id={id}
      label={label}
      placeholder={placeholder}
      variant="outlined"
      size="small"
      fullWidth
      value={text}
      onChange={e => setText(e.target.value)}
    />
  );
};
